import { Platform } from '@app/creators';
import { checkPostUrl, postUrlKey } from './post-url.js';

const P = Platform;

describe('checkPostUrl', () => {
  it.each<[Platform, string]>([
    [P.INSTAGRAM, 'https://www.instagram.com/p/C1a2b3c4d5/'],
    [P.INSTAGRAM, 'https://instagram.com/reel/C1a2b3c4d5'],
    [P.INSTAGRAM, 'https://m.instagram.com/p/C1a2b3c4d5/?igsh=abc'],
    [P.INSTAGRAM, 'https://WWW.Instagram.COM/p/C1a2b3c4d5/'],
    [P.TIKTOK, 'https://www.tiktok.com/@maya/video/7312345678901234567'],
    [P.TIKTOK, 'https://m.tiktok.com/v/7312345678901234567.html'],
    [P.YOUTUBE, 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    [P.YOUTUBE, 'https://m.youtube.com/shorts/dQw4w9WgXcQ'],
    [P.YOUTUBE, 'https://youtu.be/dQw4w9WgXcQ'],
    [P.PINTEREST, 'https://www.pinterest.com/pin/123456789/'],
    [P.PINTEREST, 'https://pinterest.co.uk/pin/123456789/'],
    [P.PINTEREST, 'https://www.pinterest.de/pin/123456789/'],
    [P.PINTEREST, 'https://pinterest.com.au/pin/123456789/'],
    [P.FACEBOOK, 'https://www.facebook.com/maya/posts/pfbid02abc'],
    [P.FACEBOOK, 'https://m.facebook.com/story.php?story_fbid=1&id=2'],
    [P.SNAPCHAT, 'https://www.snapchat.com/spotlight/W7_EDlXWTBiXAEEniNoMPwAAYYWJ1'],
    [P.X, 'https://x.com/maya/status/1790000000000000000'],
    [P.X, 'https://twitter.com/maya/status/1790000000000000000'],
    [P.X, 'https://m.twitter.com/maya/status/1'],
    [P.TWITCH, 'https://www.twitch.tv/videos/2000000000'],
    [P.BLOG, 'https://mayamakes.com/2026/12/my-morning-routine'],
    [P.BLOG, 'https://blog.example.co.uk/post?id=1'],
  ])('accepts %s %s', (platform, url) => {
    expect(checkPostUrl(platform, url)).toBeNull();
  });

  it.each<[Platform, string, string]>([
    [P.INSTAGRAM, 'http://www.instagram.com/p/C1a2b3c4d5/', 'url must start with https:// (got "http:")'],
    [P.INSTAGRAM, 'https://instagram.com.evil.example/p/C1a2b3c4d5/', 'url must be the address of a post on INSTAGRAM (got host "instagram.com.evil.example")'],
    [P.INSTAGRAM, 'https://evilinstagram.com/p/C1a2b3c4d5/', 'url must be the address of a post on INSTAGRAM (got host "evilinstagram.com")'],
    [P.INSTAGRAM, 'https://evil.instagram.com/p/C1a2b3c4d5/', 'url must be the address of a post on INSTAGRAM (got host "evil.instagram.com")'],
    [P.INSTAGRAM, 'https://www.tiktok.com/@maya/video/1', 'url must be the address of a post on INSTAGRAM (got host "www.tiktok.com")'],
    [P.INSTAGRAM, 'https://user:secret@instagram.com/p/C1a2b3c4d5/', 'url must not contain a user name or password'],
    [P.INSTAGRAM, 'https://instagram.com@evil.example/p/C1a2b3c4d5/', 'url must not contain a user name or password'],
    [P.INSTAGRAM, 'https://www.instagram.com/', 'url must be the address of a post on INSTAGRAM, not its home page'],
    [P.INSTAGRAM, 'https://www.instagram.com:8443/p/C1/', 'url must not name a port'],
    [P.INSTAGRAM, 'instagram.com/p/C1a2b3c4d5/', 'url is not a valid address (got "instagram.com/p/C1a2b3c4d5/")'],
    [P.INSTAGRAM, '', 'url must be an https address of at most 2048 characters'],
    [P.TIKTOK, 'https://tiktok.com.evil.example/@maya/video/1', 'url must be the address of a post on TIKTOK (got host "tiktok.com.evil.example")'],
    [P.YOUTUBE, 'https://youtu.be.evil.example/dQw4w9WgXcQ', 'url must be the address of a post on YOUTUBE (got host "youtu.be.evil.example")'],
    [P.YOUTUBE, 'https://www.youtube-com.example/watch?v=1', 'url must be the address of a post on YOUTUBE (got host "www.youtube-com.example")'],
    [P.PINTEREST, 'https://pinterest.evil.example/pin/1/', 'url must be the address of a post on PINTEREST (got host "pinterest.evil.example")'],
    [P.PINTEREST, 'https://mypinterest.com/pin/1/', 'url must be the address of a post on PINTEREST (got host "mypinterest.com")'],
    [P.FACEBOOK, 'https://facebook.com.evil.example/maya/posts/1', 'url must be the address of a post on FACEBOOK (got host "facebook.com.evil.example")'],
    [P.SNAPCHAT, 'https://snapchat.co/spotlight/1', 'url must be the address of a post on SNAPCHAT (got host "snapchat.co")'],
    [P.X, 'https://evilx.com/maya/status/1', 'url must be the address of a post on X (got host "evilx.com")'],
    [P.X, 'https://twitter.com.evil.example/maya/status/1', 'url must be the address of a post on X (got host "twitter.com.evil.example")'],
    [P.TWITCH, 'https://twitch.tv.evil.example/videos/1', 'url must be the address of a post on TWITCH (got host "twitch.tv.evil.example")'],
    [P.TWITCH, 'https://93.184.216.34/videos/1', 'url must name a host, not an IP address'],
    [P.BLOG, 'http://mayamakes.com/post', 'url must start with https:// (got "http:")'],
    [P.BLOG, 'https://127.0.0.1/post', 'url must name a host, not an IP address'],
    [P.BLOG, 'https://[::1]/post', 'url must name a host, not an IP address'],
    [P.BLOG, 'https://localhost/post', 'url has an invalid host (got "localhost")'],
    [P.BLOG, 'javascript:alert(1)', 'url must start with https:// (got "javascript:")'],
  ])('refuses %s %s', (platform, url, message) => {
    expect(checkPostUrl(platform, url)).toBe(message);
  });
});

describe('postUrlKey', () => {
  it.each<[Platform, string, string]>([
    [P.INSTAGRAM, 'https://www.instagram.com/p/C1a2b3c4d5/?igsh=abc', 'https://instagram.com/p/C1a2b3c4d5'],
    [P.INSTAGRAM, 'https://m.instagram.com/reel/C1a2b3c4d5/', 'https://INSTAGRAM.com/p/C1a2b3c4d5#comments'],
    [P.YOUTUBE, 'https://youtu.be/dQw4w9WgXcQ?si=share', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=shared'],
    [P.YOUTUBE, 'https://youtube.com/shorts/dQw4w9WgXcQ', 'https://m.youtube.com/watch?v=dQw4w9WgXcQ'],
    [P.X, 'https://twitter.com/maya/status/1790000000000000000', 'https://x.com/maya/status/1790000000000000000?s=20'],
    [P.FACEBOOK, 'https://m.facebook.com/story.php?story_fbid=1&id=2', 'https://www.facebook.com/story.php?id=2&story_fbid=1&mibextid=x'],
    [P.BLOG, 'https://mayamakes.com/post?id=7&utm_source=ig', 'https://www.mayamakes.com/post/?id=7'],
  ])('gives %s %s and %s one key', (platform, a, b) => {
    expect(postUrlKey(platform, a)).toBe(postUrlKey(platform, b));
  });

  it.each<[Platform, string, string]>([
    [P.YOUTUBE, 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://www.youtube.com/watch?v=dQw4w9WgXcR'],
    [P.TIKTOK, 'https://www.tiktok.com/@maya/video/7312345678901234567', 'https://www.tiktok.com/@maya/video/7312345678901234568'],
    [P.BLOG, 'https://mayamakes.com/post?id=7', 'https://mayamakes.com/post?id=8'],
    [P.INSTAGRAM, 'https://instagram.com/p/AbC', 'https://instagram.com/p/abc'],
  ])('tells %s %s from %s', (platform, a, b) => {
    expect(postUrlKey(platform, a)).not.toBe(postUrlKey(platform, b));
  });
});
