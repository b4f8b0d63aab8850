// A local SMTP server process that keeps every message and shows them at GET /messages.
// bin/start runs it for the notification service; the end-to-end journey starts its own.
import { startMailSink } from '@mb/devstack';

async function main(): Promise<void> {
  const sink = await startMailSink({ smtpPort: Number(process.env.SMTP_PORT ?? 2525), httpPort: Number(process.env.HTTP_PORT ?? 8025) });
  console.log(JSON.stringify({ msg: 'mail sink listening', smtp: `smtp://127.0.0.1:${sink.smtpPort}`, messages: `http://127.0.0.1:${sink.httpPort}/messages` }));
  const stop = () => void sink.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: Error) => {
  console.error(`mail-sink: ${error.message}`);
  process.exit(1);
});
