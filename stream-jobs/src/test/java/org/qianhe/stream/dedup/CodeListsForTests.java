package org.qianhe.stream.dedup;

import org.qianhe.model.ConsentRecord;
import org.qianhe.model.codes.CodeLists;

final class CodeListsForTests {

  private CodeListsForTests() {}

  static String family(ConsentRecord record) {
    return CodeLists.bundled().vaccines().find(record.getVaccination().getVaccineCode()).orElseThrow().family();
  }
}
