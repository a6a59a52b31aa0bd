import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../shared/format/dates';
import { formatNumber } from '../../shared/format/numbers';
import type { StatsTrainingResponse } from '../../shared/stats/api';
import { MIN_IMPACT_TICKETS } from '../../shared/stats/trainingImpact';
import type { TrainingImpactRow } from '../../shared/stats/trainingReport';
import type { TrainingClass } from '../../shared/training/trainingClass';
import type { MejaDb } from '../db/database';
import { loadStats } from '../stats/statsClient';
import { statsTransport } from '../stats/statsTransport';

/**
 * A past class's measured training impact (docs/METRICS.md), for those who may read statistics:
 * the statistics route asked for this class alone (the period is its start instant, the topic its
 * own), kept in the statistics cache like the panel's answers so it shows offline too.
 */
export const ClassImpact = ({ db, trainingClass }: { db: MejaDb; trainingClass: TrainingClass }) => {
  const { t, i18n } = useTranslation('stats');
  const locale = i18n.language;
  const [row, setRow] = useState<{ classId: string; row: TrainingImpactRow } | null>(null);
  const { id, startsAt, topic, version } = trainingClass;
  useEffect(() => {
    let isCurrent = true;
    const params = { from: startsAt, to: new Date(Date.parse(startsAt) + 1).toISOString(), category: topic };
    void loadStats<StatsTrainingResponse>(db, statsTransport(), 'training', params).then((answer) => {
      const found = answer.kind === 'fresh' || answer.kind === 'cached' ? answer.body.rows.find((r) => r.id === id) : undefined;
      if (isCurrent) setRow(found === undefined ? null : { classId: id, row: found });
    });
    return () => {
      isCurrent = false;
    };
  }, [db, id, startsAt, topic, version]);
  if (row === null || row.classId !== id) return null;
  const r = row.row;
  const signed = (value: number | null) => (value === null ? t('none') : formatNumber(value, locale, 'signedTwoDecimals'));
  const text =
    r.verdict === 'estimate'
      ? t('training.classEstimate', { estimate: signed(r.estimate), low: signed(r.low), high: signed(r.high), before: r.weeksBefore, after: r.weeksAfter })
      : r.verdict === 'tooFewTickets'
        ? t('training.tooFewTickets', { minimum: MIN_IMPACT_TICKETS })
        : t('training.tooEarly', { date: formatDate(r.measurableFrom ?? r.after.from, locale) });
  return (
    <p className="classes-impact" data-testid="class-impact">
      <strong>{t('training.title')}:</strong> {text}
    </p>
  );
};
