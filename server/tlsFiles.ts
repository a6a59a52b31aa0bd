import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The PEM text of the server's certificate (with any intermediates after it) and of its private key. */
export type TlsMaterial = { cert: string; key: string };

const readPem = (name: string, path: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : error instanceof Error
              ? error.message
              : String(error);
    throw new Error(`${name}: cannot read ${path} (${why}).`, { cause: error });
  }
};

/**
 * Reads MEJA_TLS_CERT and MEJA_TLS_KEY (paths to PEM files): neither (plain http) or both. Each
 * mistake stops start-up with its own reason, before the server listens, rather than as a TLS
 * failure on a client's first connection: one set without the other, a file missing or
 * unreadable, a file that holds no certificate or no private key, and a key that is not the
 * certificate's (a renewal that replaced one file of the two).
 */
export const readTlsFiles = (certPath: string | undefined, keyPath: string | undefined): TlsMaterial | null => {
  const cert = certPath === '' ? undefined : certPath;
  const key = keyPath === '' ? undefined : keyPath;
  if (cert === undefined && key === undefined) return null;
  if (cert === undefined) throw new Error('MEJA_TLS_KEY is set but MEJA_TLS_CERT is not: set both (PEM files) to serve https, or neither for plain http.');
  if (key === undefined) throw new Error('MEJA_TLS_CERT is set but MEJA_TLS_KEY is not: set both (PEM files) to serve https, or neither for plain http.');
  const certPem = readPem('MEJA_TLS_CERT', cert);
  const keyPem = readPem('MEJA_TLS_KEY', key);
  let certificate: X509Certificate;
  try {
    // The first certificate in the file is the server's own; intermediates may follow it.
    certificate = new X509Certificate(certPem);
  } catch (error) {
    throw new Error(`MEJA_TLS_CERT: ${cert} holds no PEM certificate ("-----BEGIN CERTIFICATE-----").`, { cause: error });
  }
  let privateKey: ReturnType<typeof createPrivateKey>;
  try {
    privateKey = createPrivateKey(keyPem);
  } catch (error) {
    throw new Error(
      `MEJA_TLS_KEY: ${key} holds no unencrypted PEM private key ("-----BEGIN PRIVATE KEY-----"; a key protected by a passphrase is not supported).`,
      { cause: error },
    );
  }
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new Error(`MEJA_TLS_KEY: the key in ${key} does not belong to the certificate in ${cert} (${certificate.subject.replace(/\n/g, ', ')}).`);
  }
  return { cert: certPem, key: keyPem };
};

/** When the certificate stops being valid, for the start-up lines; null if it cannot be read. */
export const certificateExpiry = (certPem: string): Date | null => {
  try {
    return new Date(new X509Certificate(certPem).validTo);
  } catch {
    return null;
  }
};
