/**
 * The start of a recomputation's SQL: CTEs `marked` (the hours taken, `$1` ids and `$2`
 * times), `days` (every day of the owner's organization's time zone that a marked hour falls
 * on: two where the zone is offset by a fraction of an hour) and `spans` (each day with its
 * UTC bounds). `owner` is the table the ids belong to (aliased `x`), `columns` what the rollup
 * rows copy from it.
 */
export function markedDaySpans(key: string, owner: string, columns: string): string {
  return `
    WITH marked AS (SELECT * FROM unnest($1::uuid[], $2::timestamptz[]) AS m(${key}, hour)),
    days AS (
      SELECT DISTINCT ${columns}, o.time_zone AS tz, d.day
        FROM marked m
        JOIN ${owner} x ON x.id = m.${key}
        JOIN organizations o ON o.id = x.organization_id
        CROSS JOIN LATERAL (VALUES ((m.hour AT TIME ZONE o.time_zone)::date),
                                   (((m.hour + interval '1 hour' - interval '1 microsecond') AT TIME ZONE o.time_zone)::date)) AS d(day)
    ),
    spans AS (SELECT *, (day::timestamp AT TIME ZONE tz) AS starts, ((day + 1)::timestamp AT TIME ZONE tz) AS ends FROM days)`;
}

/** The ids and times of marked hours, as the `$1` and `$2` of {@link markedDaySpans}. */
export function markedParameters<T>(hours: readonly T[], id: (hour: T) => string, at: (hour: T) => Date): [string[], string[]] {
  return [hours.map(id), hours.map((hour) => at(hour).toISOString())];
}
