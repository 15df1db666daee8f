import { checkCreatorProfile } from './creator-profile.rules.js';

function fieldsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    return (error as { fields: { field: string }[] }).fields.map((problem) => problem.field);
  }
  throw new Error('expected the input to be refused');
}

describe('checkCreatorProfile', () => {
  it('normalizes codes, trims text and drops repeats', () => {
    expect(checkCreatorProfile({ displayName: '  Maya  ', bio: ' Hi ', country: 'us', languages: ['EN', 'es', 'en'], niches: ['FOOD', 'FOOD'] })).toEqual({
      displayName: 'Maya',
      bio: 'Hi',
      country: 'US',
      languages: ['en', 'es'],
      niches: ['FOOD'],
    });
  });

  it('leaves omitted fields out, and turns null into clearing', () => {
    expect(checkCreatorProfile({ displayName: 'Maya' })).toEqual({ displayName: 'Maya' });
    expect(checkCreatorProfile({ displayName: 'Maya', bio: null, country: null, languages: null, niches: null })).toEqual({
      displayName: 'Maya',
      bio: '',
      country: null,
      languages: [],
      niches: [],
    });
  });

  it('counts characters, not UTF-16 units: 80 emoji are a valid name', () => {
    expect(checkCreatorProfile({ displayName: '🌱'.repeat(80) }).displayName).toHaveLength(160);
    expect(fieldsOf(() => checkCreatorProfile({ displayName: '🌱'.repeat(81) }))).toEqual(['input.displayName']);
  });

  it('names every field at fault', () => {
    expect(
      fieldsOf(() =>
        checkCreatorProfile({
          displayName: '   ',
          bio: 'x'.repeat(2_001),
          country: 'EU',
          languages: ['english'],
          niches: ['FOOD', 'NOT_A_NICHE'],
        }),
      ),
    ).toEqual(['input.displayName', 'input.bio', 'input.country', 'input.languages', 'input.niches']);
  });

  it('limits niches to 5 and languages to 10, and refuses line breaks in a name', () => {
    const niches = ['FOOD', 'TECH', 'ART', 'DIY', 'PETS', 'BOOKS'];
    const languages = ['en', 'es', 'fr', 'de', 'it', 'pt', 'pl', 'nl', 'sv', 'da', 'fi'];
    expect(fieldsOf(() => checkCreatorProfile({ displayName: 'A\nB', niches, languages }))).toEqual(['input.displayName', 'input.languages', 'input.niches']);
    expect(checkCreatorProfile({ displayName: 'A', niches: niches.slice(0, 5), languages: languages.slice(0, 10) }).niches).toHaveLength(5);
  });
});
