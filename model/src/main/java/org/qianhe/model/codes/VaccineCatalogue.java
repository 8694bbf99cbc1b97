package org.qianhe.model.codes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The vaccines consents may name, with their dose schedules; read from {@code vaccines.json}. */
public final class VaccineCatalogue {

  static final String RESOURCE = "vaccines.json";

  private final Map<String, Vaccine> byCode;

  public VaccineCatalogue(Collection<Vaccine> vaccines) {
    Map<String, Vaccine> map = new LinkedHashMap<>();
    for (Vaccine vaccine : vaccines) {
      if (map.put(vaccine.code(), vaccine) != null) {
        throw new IllegalArgumentException("vaccine code listed twice: " + vaccine.code());
      }
    }
    this.byCode = Map.copyOf(map);
  }

  public Optional<Vaccine> find(String code) {
    return Optional.ofNullable(code == null ? null : byCode.get(code));
  }

  public Collection<Vaccine> all() {
    return byCode.values();
  }

  static VaccineCatalogue read(JsonNode root) {
    List<Vaccine> vaccines = new ArrayList<>();
    for (JsonNode v : Resources.required(root, "vaccines")) {
      List<Dose> doses = new ArrayList<>();
      for (JsonNode d : Resources.required(v, "doses")) {
        doses.add(new Dose(doses.size() + 1, d.path("minAgeMonths").asInt(0), d.path("minIntervalDays").asInt(0)));
      }
      vaccines.add(new Vaccine(Resources.text(v, "code"), Resources.text(v, "name"), Resources.text(v, "family"),
          Resources.text(v, "programme"), doses));
    }
    return new VaccineCatalogue(vaccines);
  }
}
