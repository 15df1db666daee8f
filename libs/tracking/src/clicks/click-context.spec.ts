import { countryFromHeader, DeviceClass, deviceClass, isBotAgent, referrerHost, visitorHash } from './click-context.js';

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const IPAD = 'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const ANDROID_PHONE = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36';
const ANDROID_TABLET = 'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
const WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
const MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
const INSTAGRAM_IN_APP = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 330.0.0.40.92';

describe('click context', () => {
  it.each([
    [IPHONE, DeviceClass.MOBILE],
    [INSTAGRAM_IN_APP, DeviceClass.MOBILE],
    [ANDROID_PHONE, DeviceClass.MOBILE],
    [IPAD, DeviceClass.TABLET],
    [ANDROID_TABLET, DeviceClass.TABLET],
    [WINDOWS, DeviceClass.DESKTOP],
    [MAC, DeviceClass.DESKTOP],
    ['curl/8.5.0', DeviceClass.UNKNOWN],
    [undefined, DeviceClass.UNKNOWN],
  ])('classifies %j as %s', (userAgent, device) => {
    expect(deviceClass(userAgent)).toBe(device);
  });

  it.each([
    ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', true],
    ['facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)', true],
    ['Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)', true],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0 Safari/537.36', true],
    ['curl/8.5.0', true],
    ['python-requests/2.31.0', true],
    ['Go-http-client/1.1', true],
    ['', true],
    [undefined, true],
    [IPHONE, false],
    [INSTAGRAM_IN_APP, false],
    [WINDOWS, false],
  ])('flags %j as a bot: %s', (userAgent, bot) => {
    expect(isBotAgent(userAgent)).toBe(bot);
  });

  it('keeps only the referrer host', () => {
    expect(referrerHost('https://l.instagram.com/?u=https%3A%2F%2Fx&e=secret')).toBe('l.instagram.com');
    expect(referrerHost('https://WWW.TikTok.com:443/@maya/video/1')).toBe('www.tiktok.com');
    expect(referrerHost('http://user:pass@blog.example.org./post?x=1')).toBe('blog.example.org');
    expect(referrerHost('https://t.co#frag')).toBe('t.co');
    expect(referrerHost('https://evil.example\\@good.example/')).toBe('evil.example');
    expect(referrerHost('android-app://com.google.android.gm/')).toBeNull();
    expect(referrerHost('https://[2001:db8::1]/')).toBeNull();
    expect(referrerHost('http://198.51.100.77/home')).toBeNull();
    expect(referrerHost('http://198.51.100.77./home')).toBeNull();
    expect(referrerHost('http://10.1:8080/')).toBeNull();
    expect(referrerHost('http://0xc633644d/')).toBeNull();
    expect(referrerHost('https://365.example.com/')).toBe('365.example.com');
    expect(referrerHost('https://bad host/')).toBeNull();
    expect(referrerHost('not a url')).toBeNull();
    expect(referrerHost(undefined)).toBeNull();
  });

  it('reads a country code and nothing else', () => {
    expect(countryFromHeader('us')).toBe('US');
    expect(countryFromHeader(['PL', 'DE'])).toBe('PL');
    for (const bad of ['XX', 'T1', 'USA', '', '1!', undefined]) expect(countryFromHeader(bad)).toBeNull();
  });

  it('hashes a visitor the same way within a salt, differently across salts, and never shows the address', () => {
    const today = visitorHash('203.0.113.7', IPHONE, 'salt-of-today');
    expect(visitorHash('203.0.113.7', IPHONE, 'salt-of-today')).toBe(today);
    expect(visitorHash('203.0.113.7', IPHONE, 'salt-of-tomorrow')).not.toBe(today);
    expect(visitorHash('203.0.113.8', IPHONE, 'salt-of-today')).not.toBe(today);
    expect(visitorHash('203.0.113.7', WINDOWS, 'salt-of-today')).not.toBe(today);
    expect(today).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(today).not.toContain('203');
  });
});
