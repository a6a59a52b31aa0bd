/**
 * Ticket history as the generic import CSV (docs/IMPORT.md, format `csv`): the one way to give a
 * real server tickets created weeks ago, as statistics about the past need. Every ticket resolved
 * an hour after it came in.
 */
export type HistoryCall = { requester: { name: string; contact: string | null }; category: string; createdAt: string };

const cell = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

export const ticketHistoryCsv = (calls: readonly HistoryCall[], idPrefix: string): string =>
  [
    'external_id,title,requester_name,requester_contact,category,created_at,resolved_at',
    ...calls.map((c, i) =>
      [
        `${idPrefix}-${i}`,
        `${c.category} trouble ${i}`,
        c.requester.name,
        c.requester.contact ?? '',
        c.category,
        c.createdAt,
        new Date(Date.parse(c.createdAt) + 3_600_000).toISOString(),
      ]
        .map(cell)
        .join(','),
    ),
  ].join('\r\n') + '\r\n';

/** Imports `csv` as the admin whose token is given; throws unless every row became a ticket. */
export const importTicketHistory = async (baseUrl: string, adminToken: string, csv: string, rows: number): Promise<void> => {
  const response = await fetch(`${baseUrl}/api/admin/import?format=csv`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${adminToken}` },
    body: csv,
  });
  const report = (await response.json()) as { created?: number; skipped?: unknown[] };
  if (response.status !== 201 || report.created !== rows) throw new Error(`import: ${response.status} ${JSON.stringify(report)}`);
};
