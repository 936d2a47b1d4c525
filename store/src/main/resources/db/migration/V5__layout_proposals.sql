-- Issue 6 item 6: layout activation from the page. A planner (or the bureau) proposes a checked
-- draft for an effective month; a bureau user other than the proposer confirms or rejects it; on
-- confirmation the service runs `gridwatch layout activate` and `gridwatch publish` as child
-- processes. Not a published table: a publish never touches it.

CREATE TABLE gridwatch.layout_proposals (
  id             bigserial PRIMARY KEY,
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  effective_on   date NOT NULL CHECK (extract(day FROM effective_on) = 1),
  draft_geojson  text NOT NULL,
  grids          integer NOT NULL,
  proposed_by    text NOT NULL,
  proposed_at    timestamptz NOT NULL DEFAULT now(),
  status         text NOT NULL DEFAULT 'proposed'
                 CHECK (status IN ('proposed', 'confirmed', 'rejected', 'activating', 'activated',
                                   'failed')),
  decided_by     text,
  decided_at     timestamptz,
  message        text,
  output         text,
  layout_version integer,
  finished_at    timestamptz
);
CREATE INDEX layout_proposals_status ON gridwatch.layout_proposals (status);
