-- Issue 5: enterprises and patrols as points, the assessment marts, and the per-partition copy
-- ledger that makes Publisher.copy idempotent under Spark task retries.

-- Enterprises (WGS84 points) with their grid under the layout in force at publish time.
CREATE TABLE gridwatch.enterprises (
  enterprise_id  text PRIMARY KEY,
  name           text,
  industry       text,
  address        text,
  registered_on  date,
  closed_on      date,
  layout_version integer,
  grid_id        text,
  geometry       public.geometry(Point, 4326)
);
CREATE INDEX enterprises_geometry_gist ON gridwatch.enterprises USING gist (geometry);
CREATE INDEX enterprises_grid ON gridwatch.enterprises (grid_id);

-- Patrol check-ins (WGS84 points); month is the Asia/Shanghai month of visited_at.
CREATE TABLE gridwatch.patrols (
  patrol_id     text PRIMARY KEY,
  worker_id     text,
  enterprise_id text,
  visited_at    timestamptz,
  month         text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  category      text,
  issue_found   boolean,
  geometry      public.geometry(Point, 4326)
);
CREATE INDEX patrols_geometry_gist ON gridwatch.patrols USING gist (geometry);
CREATE INDEX patrols_month ON gridwatch.patrols (month);
CREATE INDEX patrols_month_enterprise ON gridwatch.patrols (month, enterprise_id);

-- The worker_month mart (data-contract.md §3); deductions are itemised JSON.
CREATE TABLE gridwatch.worker_month (
  worker_id             text NOT NULL,
  month                 text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  grid_id               text,
  enterprises           integer,
  visited               integer,
  coverage              double precision,
  full_coverage         boolean,
  new_enterprise_misses integer,
  incident_failures     integer,
  patrol_score          double precision,
  info_score            double precision,
  assist_score          double precision,
  awareness_rate        double precision,
  awareness_score       double precision,
  upload_compliance     double precision,
  total                 double precision,
  grade                 text,
  forced_reason         text,
  status                text,
  flags                 text,
  deductions            jsonb,
  PRIMARY KEY (worker_id, month)
);
CREATE INDEX worker_month_month ON gridwatch.worker_month (month);

-- The patrol_flags mart: flagged patrol records (a record may carry several reasons).
CREATE TABLE gridwatch.patrol_flags (
  patrol_id     text NOT NULL,
  worker_id     text,
  enterprise_id text,
  reason        text NOT NULL,
  detail        text
);
CREATE INDEX patrol_flags_patrol ON gridwatch.patrol_flags (patrol_id, reason);

-- One row per (staging, table, partition) copied by Publisher.copy with a partition id: a
-- retried or speculative Spark task finds its partition here and copies nothing twice.
CREATE TABLE gridwatch.publish_parts (
  staging_id text   NOT NULL,
  table_name text   NOT NULL,
  part       text   NOT NULL,
  row_count  bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (staging_id, table_name, part)
);
