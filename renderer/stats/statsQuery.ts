import { statsHttpPath, statsSearch, type StatsQueryParams, type StatsRoute } from '../../shared/stats/api';

/** The CSV export of a route's table for the same query. */
export const statsCsvUrl = (route: StatsRoute, params: StatsQueryParams): string => statsHttpPath(route, { ...params, format: 'csv' });

/** The cache row's key: route and query (JSON answers only). */
export const statsCacheKey = (route: StatsRoute, params: StatsQueryParams): string => {
  return `${route}?${statsSearch({ ...params, format: undefined })}`;
};
