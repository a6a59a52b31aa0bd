/** A file the importer cannot read (not a zip/gzip/CSV we understand, corrupt, ...): exit code 2 or HTTP 400. */
export class ImportSourceError extends Error {
  override readonly name = 'ImportSourceError';
}
