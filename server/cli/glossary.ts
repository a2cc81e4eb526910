/**
 * Prints the README glossary from server/domain/vocabulary.ts; with `--write`, replaces the
 * text between the glossary markers in README.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GLOSSARY_END, GLOSSARY_START, glossaryMarkdown } from '../domain/glossary.ts';

const glossary = glossaryMarkdown();
if (process.argv.includes('--write')) {
  const readme = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../README.md');
  const text = fs.readFileSync(readme, 'utf8');
  const start = text.indexOf(GLOSSARY_START);
  const end = text.indexOf(GLOSSARY_END);
  if (start < 0 || end < start) {
    console.error(`README.md has no glossary markers (${GLOSSARY_START} … ${GLOSSARY_END})`);
    process.exit(1);
  }
  fs.writeFileSync(readme, text.slice(0, start) + glossary + text.slice(end + GLOSSARY_END.length));
  console.log('README.md glossary updated; `npm run format` aligns its tables');
} else {
  process.stdout.write(`${glossary}\n`);
}
