/*
 * The statements of public verification, in a file of their own with no imports, so that the
 * benchmark's baseline (bench/scenarios/verify.mjs) runs exactly the same SQL from the build.
 */

const UTC_ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The columns of a public answer, given `l` (license) and `a` (agency) in scope. Branches and
 * suspensions come from correlated subqueries on indexed columns, so one statement answers a
 * lookup (or a whole page of search results) with no query per agency. Only public columns are
 * named here: no officers, owners, contacts, event reasons or actors.
 */
const PUBLIC_COLUMNS = `
  a.id AS agency_id, a.legal_name, l.number, l.type, l.state,
  to_char(l.issued_on, 'YYYY-MM-DD') AS issued_on, to_char(l.expires_on, 'YYYY-MM-DD') AS expires_on,
  ${UTC_ISO('l.suspended_until')} AS suspended_until,
  COALESCE((SELECT json_agg(json_build_object('address', b.address, 'status', b.status) ORDER BY b.created_at, b.id)
              FROM agency_branch b WHERE b.agency_id = a.id AND b.status IN ('active','closed')), '[]'::json) AS branches,
  COALESCE((SELECT json_agg(json_build_object(
                'from', ${UTC_ISO('e.at')},
                'until', ${UTC_ISO('e.until')},
                'endedAt', (SELECT ${UTC_ISO('min(x.at)')} FROM license_event x
                             WHERE x.license_id = e.license_id AND x.from_state = 'suspended' AND x.id > e.id)) ORDER BY e.id)
              FROM license_event e WHERE e.license_id = l.id AND e.action = 'suspend'), '[]'::json) AS suspensions,
  CASE WHEN l.state = 'revoked' THEN
    (SELECT json_build_object('at', ${UTC_ISO('r.at')}, 'reason', r.reason)
       FROM license_event r WHERE r.license_id = l.id AND r.action = 'revoke' ORDER BY r.id DESC LIMIT 1)
  END AS revocation`;

/** Exact lookup by number: the unique index uq_license_number. */
export const PUBLIC_BY_NUMBER_SQL = `SELECT ${PUBLIC_COLUMNS}
  FROM license l JOIN agency a ON a.id = l.agency_id
 WHERE l.number = $1`;

/**
 * Fuzzy search by legal name: trigram word similarity (or a plain substring) on
 * lower(legal_name), both served by the GIN index ix_agency_legal_name_trgm; each agency with its
 * live license, else its latest.
 */
export const PUBLIC_SEARCH_SQL = `SELECT ${PUBLIC_COLUMNS}
  FROM agency a
  LEFT JOIN LATERAL (
        SELECT * FROM license l0 WHERE l0.agency_id = a.id
         ORDER BY (l0.state IN ('active','suspended')) DESC, l0.issued_on DESC, l0.created_at DESC
         LIMIT 1) l ON true
 WHERE lower(a.legal_name) %> $1 OR lower(a.legal_name) LIKE $2
 ORDER BY word_similarity($1, lower(a.legal_name)) DESC, a.legal_name, a.id
 LIMIT $3`;

/**
 * Licenses in one state (`suspended` or `revoked`), by the agency's legal name: a page of the
 * public lists. ix_license_state_expires serves the state filter; the count is of the same rows.
 */
export const PUBLIC_BY_STATE_SQL = `SELECT ${PUBLIC_COLUMNS}
  FROM license l JOIN agency a ON a.id = l.agency_id
 WHERE l.state = $1
 ORDER BY a.legal_name, l.number
 LIMIT $2 OFFSET $3`;

export const PUBLIC_BY_STATE_COUNT_SQL = `SELECT count(*)::int AS total FROM license WHERE state = $1`;
