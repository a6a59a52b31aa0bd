import type { TopRequester } from '../../shared/stats/topRequesters';
import type { ClassPlan } from '../training/classDraft';

/**
 * The class "Plan a class" opens for a training topic: that topic, and the requesters the server
 * suggests for it in the period, most tickets first. An answer kept offline from before the
 * server suggested anyone has no `topRequesters`: the class then starts with nobody invited.
 */
export const classPlanFor = (answer: { topRequesters?: readonly TopRequester[] }, topic: string): ClassPlan => ({
  topic,
  attendees: (answer.topRequesters ?? []).filter((r) => r.category === topic).map((r) => ({ name: r.name, contact: r.contact })),
});
