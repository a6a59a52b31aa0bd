import { describe, expect, it } from 'vitest';
import { auditVerdict } from './auditVerdict';

// The shape `npm audit --json` (report version 2) gives: each vulnerable package lists the
// advisories it has itself (objects) and the packages it inherits them from (names).
const report = (severity: string) => ({
  auditReportVersion: 2,
  vulnerabilities: {
    'find-my-way': {
      name: 'find-my-way',
      severity,
      via: [{ source: 1100, name: 'find-my-way', title: 'ReDoS in route params', url: 'https://github.com/advisories/GHSA-xxxx', severity, range: '<8.2.2' }],
    },
    fastify: { name: 'fastify', severity, via: ['find-my-way'] },
  },
  metadata: { vulnerabilities: { high: 2, critical: 0, total: 2 } },
});

describe('the dependency audit', () => {
  it('passes a report without advisories', () => {
    expect(auditVerdict({ auditReportVersion: 2, vulnerabilities: {}, metadata: {} }, []).kind).toBe('clean');
  });

  it('blocks a high or critical advisory, once however many packages inherit it', () => {
    for (const severity of ['high', 'critical']) {
      const verdict = auditVerdict(report(severity), []);
      expect(verdict.kind).toBe('blocked');
      expect(verdict.lines.filter((line) => line.startsWith('BLOCKING'))).toEqual([
        `BLOCKING: ${severity} find-my-way: ReDoS in route params (https://github.com/advisories/GHSA-xxxx)`,
      ]);
    }
  });

  it('lets a moderate advisory through, naming it', () => {
    const verdict = auditVerdict(report('moderate'), []);
    expect(verdict.kind).toBe('clean');
    expect(verdict.lines[0]).toContain('below the bar: moderate find-my-way');
  });

  it('lets a high advisory through only with its reason written down', () => {
    const verdict = auditVerdict(report('high'), [{ advisory: 'https://github.com/advisories/GHSA-xxxx', reason: 'routes have no regex params' }]);
    expect(verdict.kind).toBe('clean');
    expect(verdict.lines[0]).toContain('routes have no regex params');
    expect(auditVerdict(report('high'), [{ advisory: 'https://github.com/advisories/GHSA-other', reason: 'another one' }]).kind).toBe('blocked');
  });

  it('says plainly that nothing was checked when the advisory service does not answer', () => {
    const refused = {
      message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      statusCode: 405,
      error: { summary: '' },
    };
    const verdict = auditVerdict(refused, []);
    expect(verdict.kind).toBe('unavailable');
    expect(verdict.lines[0]).toContain('NOT checked');
    expect(verdict.lines[0]).toContain('405 Method Not Allowed');
    expect(auditVerdict(null, []).kind).toBe('unavailable');
  });
});
