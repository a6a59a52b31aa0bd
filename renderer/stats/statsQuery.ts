import type { StatsQueryParams, StatsRoute } from '../../shared/stats/api';

/** The query string of a statistics request, keys in a fixed order so equal queries give equal strings. */
export const statsSearch = (params: StatsQueryParams): string => {
  const search = new URLSearchParams();
  search.set('from', params.from);
  search.set('to', params.to);
  if (params.tier !== undefined) search.set('tier', String(params.tier));
  if (params.category !== undefined) search.set('category', params.category);
  if (params.tag !== undefined) search.set('tag', params.tag);
  if (params.technician !== undefined) search.set('technician', params.technician);
  if (params.repeatWindowDays !== undefined) search.set('repeatWindowDays', String(params.repeatWindowDays));
  if (params.format !== undefined) search.set('format', params.format);
  return search.toString();
};

export const statsUrl = (route: StatsRoute, params: StatsQueryParams): string => `/api/stats/${route}?${statsSearch(params)}`;

/** The CSV export of a route's table for the same query. */
export const statsCsvUrl = (route: StatsRoute, params: StatsQueryParams): string => statsUrl(route, { ...params, format: 'csv' });

/** The cache row's key: route and query (JSON answers only). */
export const statsCacheKey = (route: StatsRoute, params: StatsQueryParams): string => {
  return `${route}?${statsSearch({ ...params, format: undefined })}`;
};
