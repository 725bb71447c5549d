/**
 * `npm start [-- roster.csv] [--port N] [--locale zh-CN] [--latency MS] [--speed X] [--extra-rows N]`:
 * the local browser preview. Builds nothing itself (`npm start` runs `npm run build` first), starts
 * the preview server on 127.0.0.1, prints its address and what is simulated, and stops cleanly on
 * Ctrl+C. `--cli` keeps the older terminal preview. See preview/preview-server.ts.
 */
import { runTerminalPreview } from './cli';
import { parseArgs, USAGE } from './options';
import { findRoot, startPreview } from './preview-server';

async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2), process.env);
  switch (parsed.kind) {
    case 'help':
      console.log(USAGE);
      return 0;
    case 'error':
      console.error(`${parsed.message}\n\n${USAGE}`);
      return 2;
    case 'cli':
      return runTerminalPreview(findRoot(), parsed.csvPath, parsed.locale);
    case 'serve':
      break;
  }
  const preview = await startPreview(parsed.options);
  for (const warning of preview.warnings) console.warn(`Warning: ${warning}`);
  if (preview.portNote) console.log(preview.portNote);
  console.log(`Preview running at ${preview.url} — Ctrl+C to stop`);
  console.log(preview.summary);
  if (parsed.options.host && !['127.0.0.1', 'localhost', '::1'].includes(parsed.options.host)) {
    console.log(
      `Listening on ${parsed.options.host}: other machines on your network can reach it, and the ` +
        'host-name check that stops other web pages from driving it is off.',
    );
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      console.log('\nStopping the preview.');
      preview.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
