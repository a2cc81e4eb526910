/**
 * `npm start`: runs the compiled server (dist/start.js, see build-server.mjs), compiling it
 * first when it is missing or older than a file under server/ — so a fresh checkout, or one
 * just pulled, still starts with one command.
 */
import { pathToFileURL } from 'node:url';
import { buildServer, isStale, outFile } from './build-server.mjs';

if (isStale()) {
  console.log('Compiling the server…');
  await buildServer();
}
await import(pathToFileURL(outFile).href);
