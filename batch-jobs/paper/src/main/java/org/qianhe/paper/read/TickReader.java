package org.qianhe.paper.read;

import org.qianhe.paper.PaperConfig;
import org.qianhe.paper.form.Box;
import org.qianhe.paper.form.CheckboxGroup;
import org.qianhe.paper.form.FormTemplate;
import org.qianhe.paper.image.Binariser;
import org.qianhe.paper.image.GreyImage;
import org.qianhe.paper.image.Registration;
import org.qianhe.paper.image.RegionSampler;

/**
 * Reads tick box groups and the signature box by their share of ink. The inside of each box is
 * measured (its printed edge left out), at the page's mid grey level between paper and ink.
 */
final class TickReader {

  /** How far inside the printed edge the ink is counted, mm. */
  private static final double INSET_MM = 0.7;
  private static final double PX_PER_MM = 8;

  private final PaperConfig config;
  private final FormTemplate form;

  TickReader(PaperConfig config, FormTemplate form) {
    this.config = config;
    this.form = form;
  }

  TickRead read(GreyImage page, Registration.Result registration, CheckboxGroup group) {
    int mid = (registration.paper() + registration.ink()) / 2;
    String best = "";
    double top = 0;
    double second = 0;
    for (CheckboxGroup.Option option : group.options()) {
      Box inside = group.box(option, form.checkboxSizeMm()).grow(-INSET_MM);
      double share = Binariser.inkShare(RegionSampler.grey(page, registration.map(), inside, PX_PER_MM), mid);
      if (share > top) {
        second = top;
        top = share;
        best = option.value();
      } else if (share > second) {
        second = share;
      }
    }
    boolean clear = top >= config.checkboxFilled() && second <= config.checkboxEmpty();
    double confidence = top <= 0 ? 0 : Math.max(0, Math.min(1, 1 - second / top));
    return new TickRead(top >= config.checkboxFilled() ? best : "", clear, confidence);
  }

  /** Whether the guardian signed: ink in the signature box (the red seal drops out of the red channel). */
  boolean signed(GreyImage page, Registration.Result registration) {
    int mid = (registration.paper() + registration.ink()) / 2;
    GreyImage box = RegionSampler.grey(page, registration.map(), form.signature().grow(-1), 4);
    return Binariser.inkShare(box, mid) >= config.signatureInk();
  }
}
