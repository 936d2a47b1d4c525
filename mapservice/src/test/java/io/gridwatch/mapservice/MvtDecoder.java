package io.gridwatch.mapservice;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal reader of the Mapbox Vector Tile 2.1 protobuf (layers, their features' tags, types and
 * first geometry command), written against the spec so tests can check what PostGIS returned.
 */
final class MvtDecoder {
  /** A layer: name, extent, and its features. */
  record Layer(String name, int extent, List<Feature> features) {}

  /** A feature: geometry type (1 point, 2 line, 3 polygon), properties, geometry commands. */
  record Feature(int type, Map<String, Object> properties, int[] geometry) {}

  private final byte[] buf;
  private int pos;
  private final int end;

  private MvtDecoder(byte[] buf, int pos, int end) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  /** Decodes an uncompressed tile. */
  static Map<String, Layer> decode(byte[] tile) {
    Map<String, Layer> layers = new LinkedHashMap<>();
    MvtDecoder r = new MvtDecoder(tile, 0, tile.length);
    while (r.pos < r.end) {
      long key = r.varint();
      if ((key >>> 3) == 3 && (key & 7) == 2) {
        Layer l = r.sub().layer();
        layers.put(l.name(), l);
      } else {
        r.skip((int) (key & 7));
      }
    }
    return layers;
  }

  private Layer layer() {
    String name = null;
    int extent = 4096;
    List<String> keys = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    List<int[][]> raw = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    while (pos < end) {
      long key = varint();
      int field = (int) (key >>> 3);
      int wire = (int) (key & 7);
      switch (field) {
        case 1 -> name = sub().string();
        case 2 -> {
          MvtDecoder f = sub();
          int[] tags = new int[0];
          int[] geom = new int[0];
          int type = 0;
          while (f.pos < f.end) {
            long k = f.varint();
            int ff = (int) (k >>> 3);
            if (ff == 2) {
              tags = f.sub().packed();
            } else if (ff == 3) {
              type = (int) f.varint();
            } else if (ff == 4) {
              geom = f.sub().packed();
            } else {
              f.skip((int) (k & 7));
            }
          }
          raw.add(new int[][] {tags, geom});
          types.add(type);
        }
        case 3 -> keys.add(sub().string());
        case 4 -> values.add(sub().value());
        case 5 -> extent = (int) varint();
        default -> skip(wire);
      }
    }
    List<Feature> features = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      int[] tags = raw.get(i)[0];
      Map<String, Object> props = new LinkedHashMap<>();
      for (int t = 0; t + 1 < tags.length; t += 2) {
        props.put(keys.get(tags[t]), values.get(tags[t + 1]));
      }
      features.add(new Feature(types.get(i), props, raw.get(i)[1]));
    }
    return new Layer(name, extent, features);
  }

  private Object value() {
    Object v = null;
    while (pos < end) {
      long key = varint();
      int field = (int) (key >>> 3);
      switch (field) {
        case 1 -> v = sub().string();
        case 2 -> v = Float.intBitsToFloat((int) fixed(4));
        case 3 -> v = Double.longBitsToDouble(fixed(8));
        case 4, 5 -> v = varint();
        case 6 -> {
          long n = varint();
          v = (n >>> 1) ^ -(n & 1);
        }
        case 7 -> v = varint() != 0;
        default -> skip((int) (key & 7));
      }
    }
    return v;
  }

  private int[] packed() {
    List<Integer> out = new ArrayList<>();
    while (pos < end) {
      out.add((int) varint());
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private String string() {
    String s = new String(buf, pos, end - pos, StandardCharsets.UTF_8);
    pos = end;
    return s;
  }

  private MvtDecoder sub() {
    int len = (int) varint();
    MvtDecoder d = new MvtDecoder(buf, pos, pos + len);
    pos += len;
    return d;
  }

  private long varint() {
    long result = 0;
    int shift = 0;
    while (true) {
      byte b = buf[pos++];
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
      shift += 7;
    }
  }

  private long fixed(int bytes) {
    long v = 0;
    for (int i = 0; i < bytes; i++) {
      v |= (long) (buf[pos++] & 0xFF) << (8 * i);
    }
    return v;
  }

  private void skip(int wire) {
    switch (wire) {
      case 0 -> varint();
      case 1 -> pos += 8;
      case 2 -> pos += (int) varint();
      case 5 -> pos += 4;
      default -> throw new IllegalStateException("unsupported wire type " + wire);
    }
  }

  /** The tile (x, y) containing lon/lat at zoom z (Web Mercator, XYZ scheme). */
  static int[] tileOf(double lon, double lat, int z) {
    double n = 1 << z;
    int x = (int) Math.floor((lon + 180) / 360 * n);
    double r = Math.toRadians(lat);
    int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
    return new int[] {x, y};
  }
}
