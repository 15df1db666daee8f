import { Platform } from '@app/creators';
import {
  checkDisclosure,
  DISCLOSURE_REASON_MESSAGES,
  DISCLOSURE_RULESET_VERSION,
  DISCLOSURE_WARNING_MESSAGES,
  DisclosureMethod as M,
  DisclosureReason as R,
  DisclosureResult,
  DisclosureWarning as W,
} from './check-disclosure.js';
import { hashtagTokens, normalizeText } from './normalize.js';

const { COMPLIANT, NON_COMPLIANT, NEEDS_REVIEW } = DisclosureResult;
const BRAND = 'Glow Labs';
/** 209 characters of caption before anything that follows it. */
const LONG = 'Loving this serum. '.repeat(11);

interface Row {
  caption: string;
  jurisdictions?: string[];
  methods?: M[];
  verbalAt?: number | null;
  platform?: Platform;
  result: DisclosureResult;
  reasons?: R[];
  warnings?: W[];
}

const rows: [string, Row][] = [
  // English, US audience
  ['#ad first', { caption: '#ad Loving my new serum from Glow Labs', result: COMPLIANT }],
  ['#AD in capitals', { caption: '#AD loving my new serum', result: COMPLIANT }],
  ['full-width ＃ＡＤ', { caption: '＃ＡＤ Loving my new serum', result: COMPLIANT }],
  ['Ad: at the start', { caption: 'Ad: my new favourite serum from Glow Labs', result: COMPLIANT }],
  ['AD | at the start', { caption: '  AD | my new favourite serum', result: COMPLIANT }],
  ['Advertisement at the start', { caption: 'Advertisement — my morning routine', result: COMPLIANT }],
  ['Adidas at the start is no label', { caption: 'Adidas: my morning run', result: NON_COMPLIANT, reasons: [R.NO_LABEL] }],
  ['#advert', { caption: 'Loving this serum #advert', result: COMPLIANT }],
  ['#advertisement', { caption: 'Loving this serum #advertisement', result: COMPLIANT }],
  ['#sponsored', { caption: '#sponsored my morning routine', result: COMPLIANT }],
  ['#ad followed by punctuation', { caption: 'New serum, #ad.', result: COMPLIANT }],
  ['#ad after emoji', { caption: '✨🧴✨ #ad new serum', result: COMPLIANT }],
  ['paid partnership with the brand', { caption: 'In a paid partnership with Glow Labs: my routine', result: COMPLIANT }],
  ['sponsored by the brand handle', { caption: 'Sponsored by @GlowLabs — morning routine', result: COMPLIANT }],
  ['sponsored by another brand', { caption: 'Sponsored by Acme — morning routine', result: NON_COMPLIANT, reasons: [R.NO_LABEL] }],
  ['paid partnership without the brand', { caption: 'Paid partnership with a skincare brand', result: NON_COMPLIANT, reasons: [R.NO_LABEL] }],
  ['#sp #collab', { caption: '#sp #collab', result: NON_COMPLIANT, reasons: [R.INSUFFICIENT_LABEL_ONLY] }],
  ['#sp alone', { caption: 'Morning routine #sp', result: NON_COMPLIANT, reasons: [R.INSUFFICIENT_LABEL_ONLY] }],
  ['#thanks alone', { caption: 'Morning routine #thanks @glowlabs', result: NON_COMPLIANT, reasons: [R.INSUFFICIENT_LABEL_ONLY] }],
  ['#spon with the brand', { caption: 'My routine #spon @glowlabs', result: NON_COMPLIANT, reasons: [R.INSUFFICIENT_LABEL_ONLY] }],
  ['#partner #ambassador #thanks', { caption: '#partner #ambassador #thanks', result: NON_COMPLIANT, reasons: [R.INSUFFICIENT_LABEL_ONLY] }],
  ['bare brand mention', { caption: 'Thanks @glowlabs for the serum!', result: NON_COMPLIANT, reasons: [R.NO_LABEL] }],
  ['#adventure is not a label', { caption: '#adventure time in the mountains', result: NON_COMPLIANT, reasons: [R.NO_LABEL] }],
  ['#ad glued to a word is not a hashtag', { caption: 'New serum#ad', result: NON_COMPLIANT, reasons: [R.NO_LABEL] }],
  ['empty caption', { caption: '', result: NON_COMPLIANT, reasons: [R.NO_LABEL] }],
  ['#ad after 200 characters', { caption: `${LONG}#ad`, result: NON_COMPLIANT, reasons: [R.LABEL_NOT_IN_FIRST_125_CHARACTERS] }],
  ['#ad ending at character 125', { caption: `${'x'.repeat(121)} #ad`, result: COMPLIANT }],
  ['#ad ending at character 126', { caption: `${'x'.repeat(122)} #ad`, result: NON_COMPLIANT, reasons: [R.LABEL_NOT_IN_FIRST_125_CHARACTERS] }],
  [
    '#ad only after 3 other trailing hashtags',
    { caption: 'Loving my morning routine #skincare #glow #serum #ad', result: NON_COMPLIANT, reasons: [R.LABEL_ONLY_IN_TRAILING_HASHTAGS] },
  ],
  ['#ad first in a trailing run of 3 others', { caption: 'Loving my routine #ad #skincare #glow #serum', result: NON_COMPLIANT, reasons: [R.LABEL_ONLY_IN_TRAILING_HASHTAGS] }],
  ['#ad with only 2 other trailing hashtags', { caption: 'Loving my routine #skincare #glow #ad', result: COMPLIANT }],
  ['#ad up front and again in the trailing run', { caption: '#ad Loving it #skincare #glow #serum #ad', result: COMPLIANT }],
  ['a caption of hashtags only', { caption: '#skincare #glow #serum #ad', result: COMPLIANT }],
  [
    'late and buried',
    { caption: `${LONG}#skincare #glow #serum #ad`, result: NON_COMPLIANT, reasons: [R.LABEL_NOT_IN_FIRST_125_CHARACTERS, R.LABEL_ONLY_IN_TRAILING_HASHTAGS] },
  ],
  // Polish
  ['#reklama', { caption: '#reklama Nowe serum od Glow Labs', jurisdictions: ['PL'], result: COMPLIANT }],
  ['#współpraca with the brand named', { caption: '#współpraca z Glow Labs — nowe serum', jurisdictions: ['PL'], result: COMPLIANT }],
  ['#współpraca without the brand', { caption: '#współpraca — nowe serum, polecam!', jurisdictions: ['PL'], result: NON_COMPLIANT, reasons: [R.COLLABORATION_LABEL_WITHOUT_BRAND] }],
  ['#WSPÓŁPRACA with the brand handle', { caption: '#WSPÓŁPRACA @glowlabs nowe serum', jurisdictions: ['PL'], result: COMPLIANT }],
  ['#współpraca with a combining accent', { caption: '#wspo\u0301łpraca z Glow Labs', jurisdictions: ['PL'], result: COMPLIANT }],
  ['#reklamacja is not a label', { caption: '#reklamacja złożona', jurisdictions: ['PL'], result: NON_COMPLIANT, reasons: [R.NO_LABEL] }],
  ['#ad for a Polish audience', { caption: '#ad nowe serum', jurisdictions: ['PL'], result: COMPLIANT }],
  ['#reklama for an EU audience', { caption: '#reklama nowe serum', jurisdictions: ['EU'], result: COMPLIANT }],
  // Finnish
  ['#mainos', { caption: '#mainos Uusi seerumi', jurisdictions: ['FI'], result: COMPLIANT }],
  ['#kaupallinenyhteistyö', { caption: '#kaupallinenyhteistyö Glow Labs', jurisdictions: ['FI'], result: COMPLIANT }],
  ['#KaupallinenYhteistyö mixed case', { caption: 'Uusi seerumi #KaupallinenYhteistyö', jurisdictions: ['FI'], result: COMPLIANT }],
  ['#kaupallinenyhteistyö with a combining diaeresis', { caption: '#kaupallinenyhteistyo\u0308 seerumi', jurisdictions: ['FI'], result: COMPLIANT }],
  ['#mainoskampanja is not a label', { caption: '#mainoskampanja alkaa', jurisdictions: ['FI'], result: NON_COMPLIANT, reasons: [R.NO_LABEL] }],
  ['#mainos for a US audience', { caption: '#mainos Uusi seerumi', jurisdictions: ['US'], result: NEEDS_REVIEW, reasons: [R.LABEL_NOT_IN_AUDIENCE_LANGUAGE] }],
  // Korean
  ['#광고', { caption: '#광고 새 세럼 후기', jurisdictions: ['KR'], result: COMPLIANT }],
  ['#유료광고', { caption: '#유료광고 새 세럼 후기', jurisdictions: ['KR'], result: COMPLIANT }],
  ['#협찬', { caption: '새 세럼 후기 #협찬', jurisdictions: ['KR'], result: COMPLIANT }],
  ['#광고 in conjoining jamo', { caption: '#\u1100\u116A\u11BC\u1100\u1169 새 세럼', jurisdictions: ['KR'], result: COMPLIANT }],
  ['#광고주 is not a label', { caption: '#광고주 모집', jurisdictions: ['KR'], result: NON_COMPLIANT, reasons: [R.NO_LABEL] }],
  ['#ad for a Korean audience', { caption: '#ad 새 세럼', jurisdictions: ['KR'], result: NEEDS_REVIEW, reasons: [R.LABEL_NOT_IN_AUDIENCE_LANGUAGE] }],
  ['#광고 and #ad for US and Korea', { caption: '#광고 #ad 새 세럼', jurisdictions: ['US', 'KR'], result: COMPLIANT }],
  // Japanese
  ['#PR', { caption: '#PR 新しい美容液', jurisdictions: ['JP'], result: COMPLIANT }],
  ['#pr in lower case', { caption: '新しい美容液 #pr', jurisdictions: ['JP'], result: COMPLIANT }],
  ['full-width ＃ＰＲ', { caption: '＃ＰＲ 新しい美容液', jurisdictions: ['JP'], result: COMPLIANT }],
  ['#広告', { caption: '#広告 新しい美容液', jurisdictions: ['JP'], result: COMPLIANT }],
  ['#プロモーション', { caption: '#プロモーション 新しい美容液', jurisdictions: ['JP'], result: COMPLIANT }],
  ['half-width #ﾌﾟﾛﾓｰｼｮﾝ', { caption: '#ﾌﾟﾛﾓｰｼｮﾝ 新しい美容液', jurisdictions: ['JP'], result: COMPLIANT }],
  ['#タイアップ', { caption: '#タイアップ 新しい美容液', jurisdictions: ['JP'], result: COMPLIANT }],
  ['#PRESS is not a label', { caption: '#PRESS 新しい美容液', jurisdictions: ['JP'], result: NON_COMPLIANT, reasons: [R.NO_LABEL] }],
  ['#PR for a US audience', { caption: '#PR new serum', jurisdictions: ['US'], result: NEEDS_REVIEW, reasons: [R.LABEL_NOT_IN_AUDIENCE_LANGUAGE] }],
  // UK audiences
  ['#ad for GB', { caption: '#ad new serum', jurisdictions: ['GB'], result: COMPLIANT }],
  ['#sponsored alone for GB', { caption: '#sponsored new serum', jurisdictions: ['GB'], result: COMPLIANT, warnings: [W.UK_SPONSORED_ALONE] }],
  ['sponsored by the brand for GB', { caption: 'Sponsored by Glow Labs: new serum', jurisdictions: ['GB'], result: COMPLIANT, warnings: [W.UK_SPONSORED_ALONE] }],
  ['#sponsored and #ad for GB', { caption: '#sponsored #ad new serum', jurisdictions: ['GB'], result: COMPLIANT }],
  ['Ad: for GB', { caption: 'Ad: new serum from Glow Labs', jurisdictions: ['GB'], result: COMPLIANT }],
  ['paid partnership for GB', { caption: 'Paid partnership with Glow Labs', jurisdictions: ['GB'], result: NON_COMPLIANT, reasons: [R.UK_REQUIRES_AD_LABEL] }],
  ['#reklama for GB and PL', { caption: '#reklama nowe serum', jurisdictions: ['GB', 'PL'], result: NON_COMPLIANT, reasons: [R.UK_REQUIRES_AD_LABEL] }],
  ['#sponsored for gb and US, codes in any case', { caption: '#sponsored new serum', jurisdictions: [' gb', 'US'], result: COMPLIANT, warnings: [W.UK_SPONSORED_ALONE] }],
  // Other disclosure methods
  ['paid-partnership tool alone', { caption: 'Loving it', methods: [M.PLATFORM_PAID_PARTNERSHIP_TOOL], result: COMPLIANT, warnings: [W.PAID_PARTNERSHIP_TOOL_ONLY] }],
  ['paid-partnership tool and #ad', { caption: '#ad Loving it', methods: [M.CAPTION_LABEL, M.PLATFORM_PAID_PARTNERSHIP_TOOL], result: COMPLIANT }],
  [
    'paid-partnership tool claimed for a blog',
    { caption: 'My routine', platform: Platform.BLOG, methods: [M.PLATFORM_PAID_PARTNERSHIP_TOOL], result: NON_COMPLIANT, reasons: [R.NO_LABEL, R.PAID_PARTNERSHIP_TOOL_NOT_ON_PLATFORM] },
  ],
  ['verbal at 10 s', { caption: 'Morning routine', platform: Platform.TIKTOK, methods: [M.VERBAL_IN_VIDEO], verbalAt: 10, result: COMPLIANT }],
  ['verbal at 15 s', { caption: 'Morning routine', platform: Platform.TIKTOK, methods: [M.VERBAL_IN_VIDEO], verbalAt: 15, result: COMPLIANT }],
  [
    'verbal at 20 s',
    { caption: 'Morning routine', platform: Platform.TIKTOK, methods: [M.VERBAL_IN_VIDEO], verbalAt: 20, result: NON_COMPLIANT, reasons: [R.NO_LABEL, R.VERBAL_DISCLOSURE_TOO_LATE] },
  ],
  [
    'verbal without its second',
    { caption: 'Morning routine', platform: Platform.YOUTUBE, methods: [M.VERBAL_IN_VIDEO], verbalAt: null, result: NEEDS_REVIEW, reasons: [R.NO_LABEL, R.VERBAL_DISCLOSURE_TIME_MISSING] },
  ],
  ['on-screen text only', { caption: 'Morning routine', methods: [M.ON_SCREEN_TEXT], result: NEEDS_REVIEW, reasons: [R.NO_LABEL, R.ON_SCREEN_TEXT_UNVERIFIED] }],
  [
    'verbal at 20 s with the tool',
    { caption: 'Morning routine', methods: [M.VERBAL_IN_VIDEO, M.PLATFORM_PAID_PARTNERSHIP_TOOL], verbalAt: 20, result: COMPLIANT, warnings: [W.PAID_PARTNERSHIP_TOOL_ONLY] },
  ],
  ['verbal at 10 s with the tool', { caption: 'Morning routine', methods: [M.VERBAL_IN_VIDEO, M.PLATFORM_PAID_PARTNERSHIP_TOOL], verbalAt: 10, result: COMPLIANT }],
  [
    'late #ad with on-screen text',
    { caption: `${LONG}#ad`, methods: [M.CAPTION_LABEL, M.ON_SCREEN_TEXT], result: NEEDS_REVIEW, reasons: [R.LABEL_NOT_IN_FIRST_125_CHARACTERS, R.ON_SCREEN_TEXT_UNVERIFIED] },
  ],
  ['#sp #collab claimed as a caption label', { caption: '#sp #collab', methods: [M.CAPTION_LABEL], result: NON_COMPLIANT, reasons: [R.INSUFFICIENT_LABEL_ONLY] }],
  // Jurisdictions
  ['no jurisdictions reads like the US', { caption: '#광고 새 세럼', jurisdictions: [], result: NEEDS_REVIEW, reasons: [R.LABEL_NOT_IN_AUDIENCE_LANGUAGE] }],
  ['another ISO code reads English', { caption: '#ad neues Serum', jurisdictions: ['DE'], result: COMPLIANT }],
  ['#광고 for an EU audience', { caption: '#광고 새 세럼', jurisdictions: ['EU'], result: NEEDS_REVIEW, reasons: [R.LABEL_NOT_IN_AUDIENCE_LANGUAGE] }],
  [
    '#ad for US and Korea, late verbal',
    { caption: '#ad new serum', jurisdictions: ['US', 'KR'], methods: [M.VERBAL_IN_VIDEO], verbalAt: 30, result: NON_COMPLIANT, reasons: [R.LABEL_NOT_IN_AUDIENCE_LANGUAGE, R.VERBAL_DISCLOSURE_TOO_LATE] },
  ],
];

describe('checkDisclosure', () => {
  it(`judges ${rows.length} captions across seven languages`, () => {
    expect(rows.length).toBeGreaterThanOrEqual(45);
    for (const [name, row] of rows) {
      const check = checkDisclosure({
        caption: row.caption,
        platform: row.platform ?? Platform.INSTAGRAM,
        disclosureMethods: row.methods ?? [],
        verbalAtSeconds: row.verbalAt,
        jurisdictions: row.jurisdictions ?? ['US'],
        brandName: BRAND,
      });
      expect({ name, ...check }).toEqual({
        name,
        result: row.result,
        reasons: row.reasons ?? [],
        warnings: row.warnings ?? [],
        rulesetVersion: DISCLOSURE_RULESET_VERSION,
      });
    }
  });

  it('has a message for every reason and warning', () => {
    for (const message of [...Object.values(DISCLOSURE_REASON_MESSAGES), ...Object.values(DISCLOSURE_WARNING_MESSAGES)]) {
      expect(message.length).toBeGreaterThan(10);
    }
    expect(DISCLOSURE_RULESET_VERSION).toBe('2026-12-01');
  });
});

describe('hashtagTokens', () => {
  it('maps normalized tags back to where they are in the original caption', () => {
    const caption = 'Hi ＃ＡＤ and #Współpraca, #adventure';
    const tokens = hashtagTokens(normalizeText(caption));
    expect(tokens.map(({ tag, start, end }) => ({ tag, text: caption.slice(start, end) }))).toEqual([
      { tag: '#ad', text: '＃ＡＤ' },
      { tag: '#współpraca', text: '#Współpraca' },
      { tag: '#adventure', text: '#adventure' },
    ]);
  });
});
