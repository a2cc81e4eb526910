/**
 * The ceiling the benchmarks compare with: plain node:http serving, for each path, the very
 * bytes and headers the app answered (read from the JSON file named on the command line).
 * Prints `READY <port>` once it listens.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';

const answers = new Map(
  JSON.parse(readFileSync(process.argv[2], 'utf8')).map((a) => [
    a.path,
    { headers: a.headers, body: Buffer.from(a.body, 'base64') },
  ]),
);
const server = http.createServer((req, res) => {
  const a = answers.get(req.url);
  if (!a) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { ...a.headers, 'content-length': a.body.length });
  res.end(a.body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`READY ${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
