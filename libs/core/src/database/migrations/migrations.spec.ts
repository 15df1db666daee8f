import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIGRATIONS } from './index.js';

describe('MIGRATIONS', () => {
  it('lists every migration file in the folder, oldest first', () => {
    const files = readdirSync(dirname(fileURLToPath(import.meta.url)))
      .filter((file) => /^\d+-\w+\.ts$/.test(file))
      .sort();
    const classNames = files.map((file) => {
      const [timestamp, name] = file.replace(/\.ts$/, '').split('-');
      return `${name}${timestamp}`;
    });
    expect(MIGRATIONS.map((migration) => migration.name)).toEqual(classNames);
  });
});
