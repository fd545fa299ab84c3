/**
 * Automatic assignment: the active inspector with the fewest open cases (ties: the one who has
 * gone longest without a new case, then by id, so the answer is stable), with the address and
 * language to tell them in. One installation serves one ministry's jurisdiction; accounts carry no
 * jurisdiction of their own yet.
 *
 * The counts come from `inspector_workload` (16 rows per inspector, kept by a trigger on
 * `complaint`), so the read costs the same with 100 open cases or 100,000.
 *
 * A subquery (columns id, email, preferred_language; no row when there is no active inspector)
 * for the intake's registration read to join, so that filing asks for it in the same round trip.
 */
export const LEAST_LOADED_INSPECTOR = `
  SELECT u.id, u.email, u.preferred_language
    FROM app_user u
    LEFT JOIN LATERAL (SELECT sum(w.open_cases) AS open_cases, max(w.last_assigned_at) AS last_assigned_at
                         FROM inspector_workload w WHERE w.user_id = u.id) load ON true
   WHERE u.active AND 'inspector' = ANY(u.roles)
   ORDER BY coalesce(load.open_cases, 0), load.last_assigned_at NULLS FIRST, u.id
   LIMIT 1`;
