package io.gridwatch.mapservice;

import com.zaxxer.hikari.HikariDataSource;
import io.gridwatch.mapservice.api.ApiException;
import io.gridwatch.mapservice.api.AssessmentApi;
import io.gridwatch.mapservice.api.DbErrors;
import io.gridwatch.mapservice.api.GridsApi;
import io.gridwatch.mapservice.api.HealthApi;
import io.gridwatch.mapservice.api.Json;
import io.gridwatch.mapservice.api.LayoutEditApi;
import io.gridwatch.mapservice.api.LayoutProposalsApi;
import io.gridwatch.mapservice.api.LayoutSuggestApi;
import io.gridwatch.mapservice.api.LayoutsApi;
import io.gridwatch.mapservice.api.Schema;
import io.gridwatch.mapservice.api.TrendsApi;
import io.gridwatch.mapservice.auth.AccessControl;
import io.gridwatch.mapservice.auth.Exports;
import io.gridwatch.mapservice.auth.LoginApi;
import io.gridwatch.mapservice.layout.ActivationConfig;
import io.gridwatch.mapservice.layout.ProposalActivation;
import io.gridwatch.mapservice.ogc.OgcApi;
import io.gridwatch.mapservice.tiles.TileCache;
import io.gridwatch.mapservice.tiles.TilesApi;
import io.gridwatch.store.Db;
import io.gridwatch.store.auth.Users;
import io.gridwatch.store.layout.LayoutProposals;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gridwatch web service: JSON/GeoJSON API under {@code /api} and the web map at {@code /}
 * (bundled into the classpath folder {@code /web} by the build). Errors are JSON, never stack
 * traces.
 */
public final class MapServer {
  private static final Logger LOG = LoggerFactory.getLogger(MapServer.class);

  /** Memory bound of the tile cache (gzipped bytes). */
  public static final long TILE_CACHE_BYTES = 128L << 20;

  /** How often (at most) the tile cache looks for a new publish. */
  public static final long PUBLISH_CHECK_MILLIS = 1_000;

  private static final int[] ERROR_STATUSES = {400, 401, 403, 404, 405, 406, 413, 415, 500, 503};

  private final Javalin app;
  private final HikariDataSource dataSource;
  private final ProposalActivation activation;
  private volatile boolean stopped;

  private MapServer(Javalin app, HikariDataSource dataSource, ProposalActivation activation) {
    this.app = app;
    this.dataSource = dataSource;
    this.activation = activation;
  }

  /** Starts the service without layout activation (confirming a proposal answers 409). */
  public static MapServer start(ServeConfig cfg) {
    return start(cfg, ActivationConfig.NONE);
  }

  /**
   * Starts the service; it starts even while the database is down (health answers 503). Confirmed
   * layout proposals are activated with {@code activationConfig}.
   */
  public static MapServer start(ServeConfig cfg, ActivationConfig activationConfig) {
    HikariDataSource ds = Db.dataSource(cfg.dbUrl(), cfg.dbPool());
    Schema schema = new Schema(ds);
    HealthApi health = new HealthApi(ds, schema);
    GridsApi grids = new GridsApi(ds, schema);
    TrendsApi trends = new TrendsApi(ds, schema);
    LayoutsApi layouts = new LayoutsApi(ds, schema);
    LayoutEditApi edits = new LayoutEditApi(ds, schema);
    LayoutSuggestApi suggest = new LayoutSuggestApi(ds, schema);
    ProposalActivation activation =
        new ProposalActivation(activationConfig, cfg.dbUrl(), new LayoutProposals(ds));
    LayoutProposalsApi proposals = new LayoutProposalsApi(ds, schema, layouts, activation);
    TilesApi tiles =
        new TilesApi(ds, schema, new TileCache(ds, TILE_CACHE_BYTES, PUBLISH_CHECK_MILLIS));
    OgcApi ogc = new OgcApi(ds, schema);
    Users users = new Users(ds);
    AccessControl access = new AccessControl(users, schema);
    LoginApi login = new LoginApi(users, schema, access);
    AssessmentApi assessment = new AssessmentApi(ds, schema, new Exports(users));
    boolean hasWeb = MapServer.class.getResource("/web/index.html") != null;
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.jetty.modifyServer(
                  server -> {
                    server.setStopTimeout(5_000);
                    server.insertHandler(new GracefulHandler());
                  });
              if (hasWeb) {
                config.staticFiles.add(
                    sf -> {
                      sf.hostedPath = "/";
                      sf.directory = "/web";
                      sf.location = Location.CLASSPATH;
                    });
              }
              config.requestLogger.http(MapServer::logRequest);
              config.routes.before(access::before);
              config.routes.get("/api/health", health::handle);
              config.routes.post("/api/login", login::login);
              config.routes.post("/api/logout", login::logout);
              config.routes.get("/api/me", login::me);
              config.routes.get("/api/quarters", assessment::quarters);
              config.routes.get("/api/rankings", assessment::rankings);
              config.routes.get("/api/workers/{id}/months", assessment::workerMonths);
              config.routes.get("/api/grids", grids::grids);
              config.routes.get("/api/months", grids::months);
              config.routes.get("/api/trends", trends::trends);
              config.routes.post("/api/layouts/check", layouts::check);
              config.routes.post("/api/layouts/diff", layouts::diff);
              config.routes.get("/api/layouts/edit/base", edits::base);
              config.routes.post("/api/layouts/edit", edits::edit);
              config.routes.post("/api/layouts/suggest", suggest::suggest);
              config.routes.post("/api/layouts/suggest/apply", suggest::apply);
              config.routes.get("/api/layouts/proposals", proposals::list);
              config.routes.post("/api/layouts/proposals", proposals::propose);
              config.routes.get("/api/layouts/proposals/{id}/draft", proposals::draft);
              config.routes.post("/api/layouts/proposals/{id}/confirm", proposals::confirm);
              config.routes.post("/api/layouts/proposals/{id}/reject", proposals::reject);
              config.routes.get("/tiles/{layer}/{z}/{x}/{file}", tiles::tile);
              ogc.routes(config.routes);
              config.routes.exception(ApiException.class, MapServer::apiError);
              config.routes.exception(HttpResponseException.class, MapServer::httpError);
              config.routes.exception(Exception.class, MapServer::unexpected);
              for (int status : ERROR_STATUSES) {
                config.routes.error(status, MapServer::statusError);
              }
            });
    if (!hasWeb) {
      LOG.warn("web app not found on the classpath (/web/index.html); serving the API only");
    }
    try {
      app.start(cfg.host(), cfg.port());
    } catch (RuntimeException e) {
      activation.close();
      ds.close();
      throw e;
    }
    schema.tryEnsure();
    LOG.info("gridwatch map service on http://{}:{}/", cfg.host(), app.port());

    return new MapServer(app, ds, activation);
  }

  /** The port the service listens on. */
  public int port() {
    return app.port();
  }

  /**
   * Stops accepting requests, lets running ones finish (up to 5 s), closes the pool. Idempotent.
   */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      app.stop();
    } finally {
      activation.close();
      dataSource.close();
    }
    LOG.info("gridwatch map service stopped");
  }

  /** Runs the service on the default config (port from the first argument) until killed. */
  public static void main(String[] args) {
    ServeConfig cfg = ServeConfig.defaults();
    if (args.length > 0) {
      cfg = cfg.withPort(Integer.parseInt(args[0]));
    }
    MapServer server = start(cfg);
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "gridwatch-shutdown"));
  }

  private static void logRequest(Context ctx, Float ms) {
    String query = ctx.queryString();
    LOG.info(
        "{} {}{} {} {}ms",
        ctx.method(),
        ctx.path(),
        query == null ? "" : "?" + query,
        ctx.statusCode(),
        Math.round(ms == null ? 0 : ms));
  }

  private static void apiError(ApiException e, Context ctx) {
    if (e.status() >= 500) {
      LOG.warn(
          "{} {}: {}",
          ctx.method(),
          ctx.path(),
          e.getCause() == null ? e.getMessage() : e.getCause().toString());
    }
    writeError(ctx, e.status(), e.getMessage());
  }

  private static void httpError(HttpResponseException e, Context ctx) {
    writeError(ctx, e.getStatus(), e.getMessage());
  }

  private static void unexpected(Exception e, Context ctx) {
    if (DbErrors.isUnavailable(e)) {
      LOG.warn("{} {}: database unavailable: {}", ctx.method(), ctx.path(), e.getMessage());
      writeError(ctx, 503, "database unavailable");
    } else {
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
      writeError(ctx, 500, "internal error");
    }
  }

  private static void statusError(Context ctx) {
    if (Boolean.TRUE.equals(ctx.attribute(Json.BODY_WRITTEN))) {
      return;
    }
    int status = ctx.statusCode();
    String message =
        switch (status) {
          case 404 -> "not found: " + ctx.path();
          case 405 -> "method not allowed";
          default -> ctx.status().getMessage();
        };
    writeError(ctx, status, message);
  }

  private static void writeError(Context ctx, int status, String message) {
    Json.error(ctx, status, message);
  }
}
