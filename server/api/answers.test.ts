import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { AuditRecord } from '../audit/auditLog';
import type { ImportReport } from '../import/runImport';
import type { auditPageSchema } from '../routes/audit';
import type { importReportSchema } from '../routes/import';

// As shared/api/schemas.test.ts: the published answer schemas of server-only types cannot drift from them.
describe('server answer schemas match their types', () => {
  it('audit page and import report', () => {
    expectTypeOf<z.output<typeof auditPageSchema>>().toEqualTypeOf<{ entries: AuditRecord[]; next: string | null }>();
    expectTypeOf<z.output<typeof importReportSchema>>().toEqualTypeOf<ImportReport>();
  });
});
