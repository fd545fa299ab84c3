/**
 * Automatic assignment: of the active inspectors (their ids, a uuid[] parameter: who is an active
 * inspector is libs/auth's to say, `Accounts.active(m, { role: 'inspector' })`), the one with the
 * fewest open cases (ties: the one who has gone longest without a new case, then by id, so the
 * answer is stable). One installation serves one ministry's jurisdiction; accounts carry no
 * jurisdiction of their own yet.
 *
 * The counts come from `inspector_workload` (16 rows per inspector, kept by a trigger on
 * `complaint`), so the read costs the same with 100 open cases or 100,000.
 *
 * A subquery (column id; no row when the list is empty) for the intake's registration read to
 * join, so that filing asks for it in the same round trip.
 */
export const leastLoadedInspector = (inspectorIds: string) => `
  SELECT u.id
    FROM unnest(${inspectorIds}::uuid[]) AS u(id)
    LEFT JOIN LATERAL (SELECT sum(w.open_cases) AS open_cases, max(w.last_assigned_at) AS last_assigned_at
                         FROM inspector_workload w WHERE w.user_id = u.id) load ON true
   ORDER BY coalesce(load.open_cases, 0), load.last_assigned_at NULLS FIRST, u.id
   LIMIT 1`;
