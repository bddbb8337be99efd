// The item analysis (试题分析) of one sitting: the figures of its submitted attempts (marked answers
// only), for HR and administrators, and the same figures as a workbook to download.
//
//   const stats = useSittingStats(id);        // stats.data.items[0].p, stats.data.reliability.kr20
//   <Button href={statsWorkbookUrl(id, i18n.language)} />    // Content-Disposition: attachment
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { operations } from '../../api/schema';

export type SittingStats = operations['sittingStats']['responses'][200]['content']['application/json'];
export type ItemStats = NonNullable<SittingStats['items']>[number];
export type OptionShare = NonNullable<ItemStats['options']>[number];
export type Reliability = NonNullable<SittingStats['reliability']>;

export const getSittingStats = async (id: number) => unwrap(await api.GET('/api/v1/sittings/{id}/stats', { params: { path: { id } } }));
export const sittingStatsQuery = (id: number) => queryOptions({ queryKey: ['itemAnalysis', id], queryFn: () => getSittingStats(id) });
export const useSittingStats = (id: number) => useQuery(sittingStatsQuery(id));

// The headers follow the app's language (a link cannot send Accept-Language).
export const statsWorkbookUrl = (id: number, lang: string) => `/api/v1/sittings/${id}/stats.xlsx?lang=${lang.startsWith('en') ? 'en' : 'zh'}`;
