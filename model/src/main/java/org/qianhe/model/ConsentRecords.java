package org.qianhe.model;

import java.time.Instant;
import java.util.ArrayList;
import org.qianhe.model.people.PeopleProtector;

/** Builds the archived record from a terminal's upload: the one place identities leave the upload. */
public final class ConsentRecords {

  private ConsentRecords() {}

  public static ConsentRecord fromUpload(ConsentUpload upload, Instant receivedAt, PeopleProtector people) {
    return ConsentRecord.newBuilder()
        .setConsentId(upload.getConsentId())
        .setSource(Source.TERMINAL)
        .setRegionCode(upload.getRegionCode())
        .setSiteCode(upload.getSiteCode())
        .setTerminalId(upload.getTerminalId())
        .setOccurredAt(upload.getOccurredAt())
        .setReceivedAt(receivedAt)
        .setVaccination(upload.getVaccination())
        .setNotice(upload.getNotice())
        .setScreening(new ArrayList<>(upload.getScreening()))
        .setDecision(upload.getDecision())
        .setConfirmationMethod(upload.getConfirmationMethod())
        .setBiometricConsent(upload.getBiometricConsent())
        .setChild(people.child(upload.getChild()))
        .setGuardian(people.guardian(upload.getGuardian()))
        .setIdentitySealed(people.seal(upload.getChild(), upload.getGuardian(), upload.getConsentId()))
        .setEvidence(new ArrayList<>(upload.getEvidence()))
        .setSignature(upload.getSignature())
        .setProcessing(Processing.newBuilder().build())
        .build();
  }
}
