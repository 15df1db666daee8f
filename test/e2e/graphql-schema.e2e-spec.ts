import { readFile, writeFile } from 'node:fs/promises';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';

const SCHEMA_FILE = new URL('../../schema.gql', import.meta.url);
const HEADER = '# The API schema, generated from the code. Regenerate with `npm run schema:update`; a test fails when it is stale.\n\n';

describe('schema.gql', () => {
  let t: ApiTestApp;

  beforeAll(async () => {
    t = await startApiTestApp();
  });
  afterAll(() => t.close());

  it('matches the schema the code builds', async () => {
    const current = HEADER + printSchema(t.app.get(GraphQLSchemaHost).schema) + '\n';
    if (process.env.UPDATE_SCHEMA === '1') await writeFile(SCHEMA_FILE, current);
    const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
    expect(committed).toBe(current);
  });
});
