import type { StatsQueryParams, StatsRoute } from '../../shared/stats/api';
import { errorMessage, type StatsTransport } from './statsClient';
import { statsCsvUrl } from './statsQuery';

/** Downloads a route's table as CSV: a fetch with the bearer token, then a blob link clicked. */
export const downloadStatsCsv = async (transport: StatsTransport, route: StatsRoute, params: StatsQueryParams): Promise<void> => {
  const token = transport.token();
  const response = await transport.fetch(statsCsvUrl(route, params), { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(await errorMessage(response));
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `meja-${route}.csv`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: the download reads the blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};
