import { describeDatabaseUrl, loadConfig } from './config';
import { startServer } from './app';
import { DEMO_PASSWORD } from './seed/demo';
import { certificateExpiry } from './tlsFiles';
import { describeSmtpUrl } from './mail/mailSettings';

// Start-up only: read the settings, start, print how to reach it, stop cleanly on a signal.
const print = (line = '') => process.stdout.write(`${line}\n`);

const main = async () => {
  const config = loadConfig(process.env, process.argv.slice(2));
  const server = await startServer({ ...config, logLevel: process.env.MEJA_LOG ?? 'info' });
  print();
  print(`Meja server ${server.url} (${server.kind}: ${describeDatabaseUrl(config.databaseUrl)})`);
  print(`  web console: ${server.url}/`);
  if (config.tls !== null) {
    const expiry = certificateExpiry(config.tls.cert);
    if (expiry !== null) print(`  certificate (MEJA_TLS_CERT) ${expiry.getTime() < Date.now() ? 'EXPIRED on' : 'valid until'} ${expiry.toISOString()}`);
  }
  print(
    config.mail === null
      ? '  mail to callers: off (set MEJA_SMTP_URL and MEJA_MAIL_FROM to send it)'
      : `  mail to callers: from ${config.mail.from} via ${describeSmtpUrl(config.mail.smtpUrl)}`,
  );
  if (server.mailPort !== null) print(`  mail in (SMTP): port ${server.mailPort}, for ${config.mailIn.domains.join(', ')} (MEJA_MAIL_LISTEN)`);
  if (config.trustProxy !== null) print(`  client addresses from X-Forwarded-For sent by: ${config.trustProxy.join(', ')} (MEJA_TRUST_PROXY)`);
  if (server.generatedAdminPassword !== null) {
    print(`  admin account created: username admin, password ${server.generatedAdminPassword}`);
    print('  (shown once; set MEJA_ADMIN_PASSWORD to choose it yourself)');
  }
  if (server.demo !== null) {
    print(server.demo.created ? `  demo data: ${server.demo.tickets} tickets seeded` : '  demo data: already present');
    print(`  demo logins (password "${DEMO_PASSWORD}"): ${server.demo.logins.join(', ')}`);
  }
  print();
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

main().catch((error: unknown) => {
  process.stderr.write(`Meja server could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
