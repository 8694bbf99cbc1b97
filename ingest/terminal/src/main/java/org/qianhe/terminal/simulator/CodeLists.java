package org.qianhe.terminal.simulator;

import java.util.List;

/** Realistic reference data for generated consents: Henan districts, national immunisation programme vaccines. */
final class CodeLists {

  record District(String code, String name) {}

  /** Vaccine of the national immunisation programme with its dose count, route and usual body site. */
  record Vaccine(String code, String name, int doses, String route, String bodySite, List<String> manufacturers) {}

  static final List<District> HENAN_DISTRICTS = List.of(
      new District("410102", "郑州市中原区"), new District("410103", "郑州市二七区"),
      new District("410104", "郑州市管城回族区"), new District("410105", "郑州市金水区"),
      new District("410202", "开封市龙亭区"), new District("410302", "洛阳市老城区"),
      new District("410303", "洛阳市西工区"), new District("410502", "安阳市文峰区"),
      new District("410702", "新乡市红旗区"), new District("411302", "南阳市宛城区"));

  static final List<Vaccine> VACCINES = List.of(
      new Vaccine("HepB", "乙型肝炎疫苗", 3, "IM", "上臂三角肌", List.of("深圳康泰生物制品股份有限公司", "大连汉信生物制药有限公司")),
      new Vaccine("BCG", "卡介苗", 1, "ID", "上臂三角肌外下缘", List.of("上海生物制品研究所有限责任公司")),
      new Vaccine("IPV", "脊髓灰质炎灭活疫苗", 2, "IM", "大腿前外侧", List.of("中国医学科学院医学生物学研究所", "北京科兴生物制品有限公司")),
      new Vaccine("bOPV", "二价脊髓灰质炎减毒活疫苗", 2, "PO", "口服", List.of("中国医学科学院医学生物学研究所")),
      new Vaccine("DTaP", "吸附无细胞百白破联合疫苗", 4, "IM", "上臂三角肌", List.of("武汉生物制品研究所有限责任公司", "成都生物制品研究所有限责任公司")),
      new Vaccine("MMR", "麻腮风联合减毒活疫苗", 2, "SC", "上臂外侧三角肌下缘", List.of("上海生物制品研究所有限责任公司")),
      new Vaccine("JE-L", "乙型脑炎减毒活疫苗", 2, "SC", "上臂外侧三角肌下缘", List.of("成都生物制品研究所有限责任公司")),
      new Vaccine("MPSV-A", "A群脑膜炎球菌多糖疫苗", 2, "SC", "上臂外侧三角肌", List.of("兰州生物制品研究所有限责任公司")),
      new Vaccine("MPSV-AC", "A群C群脑膜炎球菌多糖疫苗", 2, "SC", "上臂外侧三角肌", List.of("玉溪沃森生物技术有限公司")),
      new Vaccine("HepA-L", "甲型肝炎减毒活疫苗", 1, "SC", "上臂外侧三角肌", List.of("长春生物制品研究所有限责任公司")));

  static final List<String> FAMILY_NAMES = List.of("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "梁", "郭", "马", "孙", "朱");
  static final List<String> GIVEN_NAMES = List.of("子涵", "浩然", "欣怡", "梓萱", "宇轩", "一诺", "雨桐", "俊杰", "思彤", "明远", "嘉怡", "博文");
  static final List<String> RELATIONS = List.of("MOTHER", "FATHER", "GRANDPARENT");

  private CodeLists() {}
}
