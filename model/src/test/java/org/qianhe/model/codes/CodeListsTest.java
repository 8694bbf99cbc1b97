package org.qianhe.model.codes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodeListsTest {

  private final CodeLists lists = CodeLists.bundled();

  /** What the terminal simulator (ingest/terminal ConsentGenerator) sends; the rules must accept it. */
  private static final Map<String, String> SIMULATOR_VACCINES = Map.of(
      "HepB", "乙型肝炎疫苗", "BCG", "卡介苗", "IPV", "脊髓灰质炎灭活疫苗", "bOPV", "二价脊髓灰质炎减毒活疫苗",
      "DTaP", "吸附无细胞百白破联合疫苗", "MMR", "麻腮风联合减毒活疫苗", "JE-L", "乙型脑炎减毒活疫苗",
      "MPSV-A", "A群脑膜炎球菌多糖疫苗", "MPSV-AC", "A群C群脑膜炎球菌多糖疫苗", "HepA-L", "甲型肝炎减毒活疫苗");
  private static final Map<String, Integer> SIMULATOR_DOSES = Map.of(
      "HepB", 3, "BCG", 1, "IPV", 2, "bOPV", 2, "DTaP", 4, "MMR", 2, "JE-L", 2, "MPSV-A", 2, "MPSV-AC", 2, "HepA-L", 1);
  private static final List<String> SIMULATOR_REGIONS = List.of(
      "410102", "410103", "410104", "410105", "410202", "410302", "410303", "410502", "410702", "411302");

  @Test
  void everyNipVaccineHasItsScheduleAndANotice() {
    assertThat(lists.vaccines().all()).filteredOn(v -> v.programme().equals("NIP")).hasSizeGreaterThanOrEqualTo(13)
        .allSatisfy(v -> {
          assertThat(v.doses()).isNotEmpty();
          assertThat(v.dose(1).minIntervalDays()).isZero();
          assertThat(lists.notices().find("NIP-" + v.code(), "2025.1")).get()
              .extracting(NoticeTemplate::vaccineCode).isEqualTo(v.code());
        });
    assertThat(lists.vaccines().find("DTaP")).get().satisfies(dtap -> {
      assertThat(dtap.doseCount()).isEqualTo(4);
      assertThat(dtap.doses()).extracting(Dose::minAgeMonths).containsExactly(3, 4, 5, 18);
      assertThat(dtap.family()).isEqualTo("DTP");
    });
  }

  @Test
  void theSimulatorsVaccinesNamesAndDoseCountsAreListed() {
    SIMULATOR_VACCINES.forEach((code, name) -> assertThat(lists.vaccines().find(code)).get().satisfies(v -> {
      assertThat(v.name()).isEqualTo(name);
      assertThat(v.doseCount()).isEqualTo(SIMULATOR_DOSES.get(code));
    }));
  }

  @Test
  void noticeDigestsAreTheSha256OfTheText() {
    // the simulator's notice: "国家免疫规划疫苗接种知情告知书：" + name + "（2025年版）"
    assertThat(lists.notices().find("NIP-DTaP", "2025.1")).get().satisfies(n -> {
      assertThat(n.text()).isEqualTo("国家免疫规划疫苗接种知情告知书：吸附无细胞百白破联合疫苗（2025年版）");
      assertThat(n.digest()).isEqualTo("7f0d34f81dcdcb6d11db2e0cccacbc65f8de3eb67a2ea0c5ab75168e58312835");
    });
    assertThat(lists.notices().all()).allSatisfy(n ->
        assertThat(n.digest()).isEqualTo(NoticeCatalogue.sha256Hex(n.text())).hasSize(64));
    assertThat(lists.notices().find("NIP-DTaP", "2024.9")).isEmpty();
  }

  @Test
  void rabiesPostExposureDosesAreDaysApart() {
    assertThat(lists.vaccines().find("RabV")).get().satisfies(rabies -> {
      assertThat(rabies.family()).isEqualTo("Rabies");
      assertThat(rabies.doseCount()).isEqualTo(5);
      assertThat(rabies.shortestIntervalDays()).hasValue(3);
    });
    assertThat(lists.vaccines().find("MMR").orElseThrow().shortestIntervalDays()).hasValue(28);
    assertThat(lists.vaccines().find("BCG").orElseThrow().shortestIntervalDays()).isEmpty();
  }

  @Test
  void henanCountiesAreListedAndOtherProvincesKnownByPrefixOnly() {
    SIMULATOR_REGIONS.forEach(code -> assertThat(lists.regions().status(code)).isEqualTo(RegionCodes.Status.KNOWN));
    assertThat(lists.regions().name("410105")).hasValue("郑州市金水区");
    assertThat(lists.regions().name("419001")).hasValue("济源市");
    assertThat(lists.regions().status("410199")).isEqualTo(RegionCodes.Status.UNKNOWN);
    assertThat(lists.regions().status("110105")).isEqualTo(RegionCodes.Status.PROVINCE_ONLY);
    assertThat(lists.regions().status("990101")).isEqualTo(RegionCodes.Status.UNKNOWN);
    assertThat(lists.regions().status("4101")).isEqualTo(RegionCodes.Status.UNKNOWN);
    // 34 provinces; Henan's 17 prefectures, Jiyuan and 156 districts, counties and county-level cities
    assertThat(lists.regions().size()).isEqualTo(34 + 17 + 1 + 156);
  }
}
