import { InputProblems } from '@app/core';
import { DisclosureMethod } from '../rules/check-disclosure.js';
import { type PostContent, type PostContentInput, readPostContent } from './post-content.js';

const NOW = new Date('2026-12-02T12:00:00Z');
const BASE: PostContentInput = { postedAt: new Date('2026-12-01T09:00:00Z'), caption: '#ad New serum', disclosureMethods: [DisclosureMethod.CAPTION_LABEL] };

function read(input: PostContentInput, previous: PostContent | null = null) {
  const problems = new InputProblems();
  const content = readPostContent(input, previous, problems, NOW);
  return { content, fields: problems.list().map((problem) => problem.field) };
}

describe('readPostContent', () => {
  it('normalizes a valid submission', () => {
    const { content, fields } = read({
      ...BASE,
      disclosureMethods: [DisclosureMethod.VERBAL_IN_VIDEO],
      verbalAtSeconds: 4,
      jurisdictions: [' gb', 'UK', 'us'],
      evidence: { sha256: ` ${'AB'.repeat(32)} `, mediaRef: ' s3://evidence/1.png ' },
    });
    expect(fields).toEqual([]);
    expect(content).toMatchObject({ verbalAtSeconds: 4, jurisdictions: ['GB', 'US'], evidence: { sha256: 'ab'.repeat(32), mediaRef: 's3://evidence/1.png' } });
  });

  it('names every field at fault', () => {
    expect(read({}).fields).toEqual(['input.postedAt', 'input.caption', 'input.disclosureMethods']);
    expect(
      read({
        postedAt: new Date(NOW.getTime() + 3_600_000),
        caption: 'x'.repeat(10_001),
        transcript: 'a\u0000b',
        disclosureMethods: [DisclosureMethod.CAPTION_LABEL, DisclosureMethod.CAPTION_LABEL],
        verbalAtSeconds: 5,
        jurisdictions: [],
        evidence: { sha256: 'not-hex', mediaRef: 'a\nb' },
      }).fields,
    ).toEqual([
      'input.postedAt',
      'input.caption',
      'input.transcript',
      'input.disclosureMethods',
      'input.verbalAtSeconds',
      'input.jurisdictions',
      'input.evidence.sha256',
      'input.evidence.mediaRef',
    ]);
    expect(read({ ...BASE, jurisdictions: ['USA'] }).fields).toEqual(['input.jurisdictions']);
    expect(read({ ...BASE, disclosureMethods: [DisclosureMethod.VERBAL_IN_VIDEO], verbalAtSeconds: -1 }).fields).toEqual(['input.verbalAtSeconds']);
  });

  it('accepts a post dated a few minutes ahead, for clocks that disagree', () => {
    expect(read({ ...BASE, postedAt: new Date(NOW.getTime() + 60_000) }).fields).toEqual([]);
  });

  it('keeps what a revision leaves out, clears what it sets to null', () => {
    const previous = read({ ...BASE, transcript: 'Hi, this video is sponsored', disclosureMethods: [DisclosureMethod.VERBAL_IN_VIDEO], verbalAtSeconds: 3, jurisdictions: ['KR'] }).content;
    const kept = read({ caption: '#광고 새로운 세럼' }, previous);
    expect(kept).toEqual({ fields: [], content: { ...previous, caption: '#광고 새로운 세럼' } });
    const cleared = read({ transcript: null, jurisdictions: null, disclosureMethods: [DisclosureMethod.CAPTION_LABEL] }, previous);
    // Dropping VERBAL_IN_VIDEO drops the second it was said at.
    expect(cleared).toEqual({ fields: [], content: { ...previous, transcript: null, jurisdictions: null, disclosureMethods: [DisclosureMethod.CAPTION_LABEL], verbalAtSeconds: null } });
  });
});
