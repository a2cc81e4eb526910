/**
 * `npm run user:create -- --username wang --role admin [--province 210000] [--name 王]`
 * The password comes from USER_PASSWORD or is read from standard input: none is ever defaulted.
 * Works while `npm start` runs: it then talks to the embedded PostgreSQL the app serves.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { createDb } from '../db/client.ts';
import { StartupError } from '../db/errors.ts';
import { applyMigrations } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { passwordProblems } from '../domain/password-rule.ts';
import { ROLES } from '../domain/types.ts';
import { createUser } from '../modules/users/service.ts';
import { Problem } from '../plugins/problem.ts';
import { runCli } from './run.ts';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').split('\n')[0]!.trim();
}

runCli(async () => {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      province: { type: 'string' },
      name: { type: 'string' },
    },
  });
  if (!values.username || !values.role)
    throw new StartupError(
      'usage: npm run user:create -- --username NAME --role admin|reviewer|editor [--province 210000] [--name 显示名]',
    );
  if (!(ROLES as readonly string[]).includes(values.role))
    throw new StartupError(`--role must be one of ${ROLES.join(', ')}`);
  const password = process.env.USER_PASSWORD ?? (await readStdin());
  // the password rule (server/domain/password-rule.ts) is checked before any database work
  const weak = passwordProblems(password, values.username);
  if (weak.length)
    throw new StartupError(
      `The password does not meet the rule: ${weak.map((p) => p.en).join('; ')}.`,
    );
  // while `npm start` runs, its embedded PostgreSQL is used (it has applied the migrations)
  const database = await openDatabase(loadConfig(), { share: true });
  const db = createDb(database.url);
  try {
    if (!database.shared) await applyMigrations(database.url);
    const user = await createUser(
      db,
      {
        username: values.username,
        displayName: values.name ?? values.username,
        password,
        role: values.role as (typeof ROLES)[number],
        provinceCode: values.province ?? null,
      },
      'system',
    );
    console.log(
      `Created ${user.role} ${user.username}${user.provinceCode ? ` (${user.provinceCode})` : ''}.`,
    );
  } catch (e) {
    if (e instanceof Problem) throw new StartupError(e.en);
    throw e;
  } finally {
    await db.$disconnect();
    await database.close();
  }
});
