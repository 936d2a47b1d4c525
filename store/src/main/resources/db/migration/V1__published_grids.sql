-- Published tables of the publish contract (data-contract.md §3, gw-team.md "Publish contract").
-- Live tables are replaced as a whole by io.gridwatch.store.publish.Publisher.commit.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis') THEN
    CREATE EXTENSION postgis SCHEMA public;
  END IF;
END
$$;

-- Grid polygons, WGS84; one row per grid and layout version.
CREATE TABLE gridwatch.grids (
  grid_id        text    NOT NULL,
  layout_version integer NOT NULL DEFAULT 1,
  name           text,
  kind           text,
  town           text,
  community      text,
  geometry       public.geometry(MultiPolygon, 4326) NOT NULL,
  PRIMARY KEY (grid_id, layout_version)
);
CREATE INDEX grids_geometry_gist ON gridwatch.grids USING gist (geometry);

-- The grid_month mart: one row per grid and month (month is 'YYYY-MM', Asia/Shanghai).
CREATE TABLE gridwatch.grid_month (
  grid_id             text    NOT NULL,
  month               text    NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  layout_version      integer,
  kind                text,
  town                text,
  community           text,
  worker_id           text,
  enterprises         integer,
  visited             integer,
  coverage            double precision,
  full_coverage       boolean,
  patrols             integer,
  issues_environment  integer,
  issues_safety       integer,
  issues_social_order integer,
  awareness_sampled   integer,
  awareness_known     integer,
  awareness_rate      double precision,
  suspicious_visits   integer,
  PRIMARY KEY (grid_id, month)
);
CREATE INDEX grid_month_month_grid ON gridwatch.grid_month (month, grid_id);

-- Open stagings (between Publisher.begin and commit/abort).
CREATE TABLE gridwatch.publish_stagings (
  staging_id text        PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  lake       text,
  tables     text[]      NOT NULL
);

-- One row per committed publish.
CREATE TABLE gridwatch.publishes (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  staging_id   text        NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  lake         text,
  row_counts   jsonb       NOT NULL
);
