package io.gridwatch.ingest.synthetic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Plausible Chinese names for towns, communities, people and enterprises (all GBK-safe). */
final class Names {
  static final String[] CN_NUM = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

  private static final String[] SMALL_TOWNS = {"松涛镇", "狮子山街道"};
  private static final String[][] SMALL_COMMUNITIES = {
    {"松涛社区", "百合村", "马鞍村", "太平村", "清泉村"},
    {"狮子山社区", "凤岭社区", "沱东社区", "高洞村", "杨柳村"}
  };
  private static final String[] TOWN_STEMS = {
    "宝台", "临江", "保和", "老君", "中和", "丹山", "小院", "东峰", "南津", "祥符", "堪嘉", "伍隍", "石岭",
    "碑记", "丰裕", "迎接", "雁江", "三贤", "莲花", "龙台", "天池", "通贤", "回澜", "宝林", "大佛", "石羊",
    "双龙", "永清", "龙门", "千佛", "高升", "童家", "劳动", "中天", "佛星", "良安", "宝华", "放生", "孔雀"
  };
  private static final String[] SYL = {
    "青", "龙", "石", "河", "安", "乐", "永", "兴", "福", "宝", "长", "胜", "清", "水", "白", "云", "金", "玉",
    "天", "平", "新", "华", "凤", "鸣", "双", "桥", "太", "和", "顺", "康", "东", "南", "西", "北", "红", "光",
    "明", "月", "松", "柏", "梅", "林", "花", "园", "山", "湾", "井", "塘", "坝", "沟", "田", "家", "庙", "寺"
  };
  private static final String[] SURNAMES = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭",
    "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "程", "曹", "袁", "邓", "许", "傅", "沈",
    "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "余", "潘", "杜", "戴", "夏", "钟",
    "汪", "田", "任", "姜", "范", "方", "石", "姚", "谭", "廖", "邹", "熊", "金", "陆", "郝", "孔", "白", "崔"
  };
  private static final String[] GIVEN = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀",
    "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "红", "建", "国", "志", "文", "斌", "波", "辉", "林", "宇",
    "浩", "凯", "婷", "雪", "琴", "晨", "欣", "佳", "鹏", "飞", "春", "梅", "燕", "兵", "亮", "琳", "德", "成"
  };
  private static final String[] BRAND = {
    "鑫达", "宏川", "蜀兴", "华瑞", "金盾", "天府", "雁城", "恒信", "博瑞", "瑞丰", "嘉诚", "中科", "川资", "新锐",
    "明德", "永盛", "汇通", "佳联", "锦程", "宏图", "凯越", "润泽", "众鑫", "立达", "昌盛", "和泰", "泰和", "安达",
    "蓝天", "绿源", "东方", "西蜀", "海纳", "智远", "联创", "晟通", "华川", "金桥", "万顺", "正大", "弘业", "协力"
  };
  static final String[] INDUSTRIES = {
    "机械制造", "食品加工", "医药制造", "电子信息", "新材料", "汽车零部件", "仓储物流", "建筑材料", "化工", "纺织服装", "口腔医疗器械", "印刷包装",
    "餐饮服务", "商贸零售"
  };
  private static final String[] INDUSTRY_WORD = {
    "机械制造", "食品", "药业", "电子科技", "新材料科技", "汽车配件", "物流", "建材", "化工", "服饰", "医疗器械", "印务", "餐饮管理", "商贸"
  };
  private static final String[] ROADS = {
    "蜀乡大道", "雁江大道", "凤岭路", "松涛路", "狮子山路", "沱江路", "建设北路", "车城大道", "资威路", "娇子大道",
    "宝莲路", "临空大道", "南骏大道", "创新路", "科技路", "物流大道", "迎宾大道", "中和路", "清泉路", "百合路"
  };
  private static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] USCC_WEIGHTS = {
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
  };

  private final long seed;
  private final Set<String> usedCommunities = new HashSet<>();
  private final Set<String> usedEnterpriseNames = new HashSet<>();
  private final Set<String> usedIds = new HashSet<>();

  Names(long seed) {
    this.seed = seed;
  }

  /** {@code n} town names; the first two are the real 松涛镇 and 狮子山街道. */
  List<String> towns(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (i < SMALL_TOWNS.length) {
        out.add(SMALL_TOWNS[i]);
      } else if (i - SMALL_TOWNS.length < TOWN_STEMS.length) {
        out.add(TOWN_STEMS[i - SMALL_TOWNS.length] + (i % 5 == 0 ? "街道" : "镇"));
      } else {
        int k = i - SMALL_TOWNS.length - TOWN_STEMS.length;
        out.add(SYL[k % SYL.length] + SYL[(k / SYL.length + 7) % SYL.length] + "镇");
      }
    }
    return out;
  }

  /** {@code n} community names of town {@code t} (社区 or 村), unique over the whole zone. */
  List<String> communities(int t, int n) {
    List<String> out = new ArrayList<>();
    SplittableRandom r = Rng.of(seed, "communities", t);
    for (int i = 0; i < n; i++) {
      String name;
      if (t < SMALL_COMMUNITIES.length && i < SMALL_COMMUNITIES[t].length) {
        name = SMALL_COMMUNITIES[t][i];
      } else {
        do {
          String stem = Rng.pick(r, SYL) + Rng.pick(r, SYL);
          name = stem + (r.nextInt(10) < 4 ? "社区" : "村");
        } while (usedCommunities.contains(name));
      }
      usedCommunities.add(name);
      out.add(name);
    }
    return out;
  }

  /** A person's name (2 or 3 characters). */
  static String person(SplittableRandom r) {
    String s = Rng.pick(r, SURNAMES) + Rng.pick(r, GIVEN);
    return r.nextInt(10) < 7 ? s + Rng.pick(r, GIVEN) : s;
  }

  /** A masked mobile number such as {@code 138****5678}. */
  static String phone(SplittableRandom r) {
    String[] pre = {"13", "15", "17", "18", "19"};
    return Rng.pick(r, pre) + r.nextInt(10) + "****" + Fmt.pad(r.nextInt(10000), 4);
  }

  /** A unique 18-character unified social credit code (valid check character) of 雁江区. */
  String creditCode(SplittableRandom r) {
    String id;
    do {
      StringBuilder sb = new StringBuilder("91512002");
      sb.append("MA");
      for (int i = 0; i < 7; i++) {
        sb.append(USCC_CHARS.charAt(r.nextInt(USCC_CHARS.length())));
      }
      int sum = 0;
      for (int i = 0; i < 17; i++) {
        sum += USCC_CHARS.indexOf(sb.charAt(i)) * USCC_WEIGHTS[i];
      }
      int check = (31 - sum % 31) % 31;
      id = sb.append(USCC_CHARS.charAt(check)).toString();
    } while (!usedIds.add(id));
    return id;
  }

  /** A unique enterprise name for industry index {@code ind}. */
  String enterprise(SplittableRandom r, int ind) {
    String[] prefix = {"资阳", "资阳市", "四川", "四川省"};
    for (int attempt = 0; ; attempt++) {
      String n =
          Rng.pick(r, prefix)
              + Rng.pick(r, BRAND)
              + (attempt > 3 ? Rng.pick(r, SYL) : "")
              + INDUSTRY_WORD[ind]
              + (r.nextInt(10) < 8 ? "有限公司" : "有限责任公司");
      if (attempt > 20) {
        n = n.replace("有限", Fmt.pad(attempt, 2) + "有限");
      }
      if (usedEnterpriseNames.add(n)) {
        return n;
      }
    }
  }

  /** A street address in 雁江区. */
  static String address(SplittableRandom r) {
    return "四川省资阳市雁江区" + Rng.pick(r, ROADS) + Rng.between(r, 1, 999) + "号";
  }
}
