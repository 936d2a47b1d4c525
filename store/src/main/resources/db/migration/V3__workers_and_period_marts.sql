-- Issue 4/5: the workers (names, grid, town for rankings and role scoping; phone masked by the
-- API) and the period marts of data-contract.md §3. Contract columns first, then explaining ones;
-- a mart column missing here is simply not published (MartShape).

CREATE TABLE gridwatch.workers (
  worker_id    text PRIMARY KEY,
  name         text,
  kind         text,
  grid_id      text,
  town         text,
  community    text,
  phone        text,
  hired_on     date,
  left_on      date,
  certified_on date,
  role         text
);
CREATE INDEX workers_town ON gridwatch.workers (town, community);

CREATE TABLE gridwatch.worker_quarter (
  worker_id        text    NOT NULL,
  quarter          text    NOT NULL CHECK (quarter ~ '^[0-9]{4}Q[1-4]$'),
  months           integer,
  score            double precision,
  rank             integer,
  grade            text,
  quota_exceeded   boolean,
  pay_multiplier   double precision,
  performance_pay  double precision,
  status           text,
  base_grade       text,
  patrol_mean      double precision,
  awareness_mean   double precision,
  probation_months integer,
  paid_months      integer,
  ranked           integer,
  excellent_quota  integer,
  PRIMARY KEY (worker_id, quarter)
);
CREATE INDEX worker_quarter_rank ON gridwatch.worker_quarter (quarter, rank);

CREATE TABLE gridwatch.worker_year (
  worker_id            text NOT NULL,
  year                 text NOT NULL CHECK (year ~ '^[0-9]{4}$'),
  score                double precision,
  unqualified_quarters integer,
  rank                 integer,
  grade                text,
  quota_exceeded       boolean,
  forced_reason        text,
  pay_multiplier       double precision,
  performance_pay      double precision,
  dismissal_required   boolean,
  status               text,
  quarters             integer,
  base_grade           text,
  ranked               integer,
  excellent_quota      integer,
  pool_total_pay       double precision,
  pool_budget          double precision,
  pool_overrun         boolean,
  PRIMARY KEY (worker_id, year)
);
CREATE INDEX worker_year_rank ON gridwatch.worker_year (year, rank);

CREATE TABLE gridwatch.fulltime_quarter (
  worker_id          text NOT NULL,
  town               text,
  period             text NOT NULL,
  score              double precision,
  grade              text,
  quota_exceeded     boolean,
  forced_reason      text,
  pay_multiplier     double precision,
  performance_pay    double precision,
  dismissal_required boolean,
  submitted_on       date,
  late               boolean,
  rank               integer,
  base_grade         text,
  due_on             date,
  PRIMARY KEY (worker_id, period)
);

CREATE TABLE gridwatch.fulltime_year (
  worker_id            text NOT NULL,
  town                 text,
  period               text NOT NULL,
  score                double precision,
  grade                text,
  quota_exceeded       boolean,
  forced_reason        text,
  pay_multiplier       double precision,
  performance_pay      double precision,
  dismissal_required   boolean,
  submitted_on         date,
  late                 boolean,
  rank                 integer,
  base_grade           text,
  submitted_grade      text,
  grade_contradicted   boolean,
  unqualified_quarters integer,
  PRIMARY KEY (worker_id, period)
);

CREATE TABLE gridwatch.town_submissions (
  town     text NOT NULL,
  quarter  text NOT NULL,
  expected integer,
  on_time  integer,
  late     integer,
  missing  integer,
  due_on   date,
  PRIMARY KEY (town, quarter)
);

CREATE TABLE gridwatch.budget_year (
  year          integer NOT NULL,
  town          text    NOT NULL,
  category      text    NOT NULL,
  workers       integer,
  worker_months integer,
  amount        double precision,
  PRIMARY KEY (year, town, category)
);

CREATE TABLE gridwatch.training_gaps (
  worker_id      text NOT NULL,
  kind           text,
  period         text NOT NULL,
  required_level text NOT NULL,
  PRIMARY KEY (worker_id, period, required_level)
);
