import { csvField, csvRow } from './csv.js';

describe('csv', () => {
  it('quotes what needs quoting and leaves the rest', () => {
    expect(csvField('MAYA15')).toBe('MAYA15');
    expect(csvField('Trail, season')).toBe('"Trail, season"');
    expect(csvField('The "Ridge"')).toBe('"The ""Ridge"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(12.5)).toBe('12.5');
  });

  it('defuses formulas', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-2+3+cmd|\' /C calc\'!A0')).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(csvField('-1e3')).toBe("'-1e3");
  });

  it('keeps negative amounts numbers', () => {
    expect(csvField('-12.50')).toBe('-12.50');
    expect(csvField(-3)).toBe('-3');
  });

  it('ends rows with CRLF', () => {
    expect(csvRow(['a', 'b c', null])).toBe('a,b c,\r\n');
  });
});
