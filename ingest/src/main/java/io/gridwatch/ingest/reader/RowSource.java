package io.gridwatch.ingest.reader;

import java.io.Closeable;
import java.io.IOException;

/** A streaming reader of the data rows of one source file. */
public interface RowSource extends Closeable {
  /** The next non-blank data row, or null at the end. */
  SourceRow next() throws IOException;
}
