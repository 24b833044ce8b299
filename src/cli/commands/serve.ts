import { Command } from 'commander';
import { loadConfig } from '../../server/config.ts';
import { startServer } from '../../server/start.ts';

export function serveCommand(): Command {
  return new Command('serve')
    .description(
      'Start the HTTP server (migrates, and seeds the demo on an empty database). Configured by environment variables; see README.',
    )
    .action(async () => {
      await startServer(loadConfig());
    });
}
