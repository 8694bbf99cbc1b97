package org.qianhe.paper.synth;

import com.google.zxing.common.BitMatrix;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.qianhe.paper.barcode.FormCode;
import org.qianhe.paper.barcode.QrCodes;
import org.qianhe.paper.form.Box;
import org.qianhe.paper.form.CheckboxGroup;
import org.qianhe.paper.form.FieldSpec;
import org.qianhe.paper.form.FormTemplate;
import org.qianhe.paper.form.PrintedText;

/**
 * Prints a filled-in form onto a scan: the pre-printed form (title, labels, boxes, marks, notice),
 * the values printed by the clinic's system, the QR code, the guardian's ticks and signature, and
 * the clinic's seal, drawn straight at the scan's resolution, rotation and offset (vector text
 * rotated by Java2D, no resampling). Everything in millimetres, from the template.
 */
public final class FormRenderer {

  private static final double LABEL_PT = 10;
  private static final double VALUE_PT = 12;
  /** Baseline of a value below its box's top: the text sits inside the box, above the underline. */
  private static final double BASELINE_MM = 4.9;

  private final FormTemplate form;

  public FormRenderer(FormTemplate form) {
    this.form = form;
  }

  public BufferedImage render(FormData data, ScanStyle style, Random random) {
    double pxPerMm = style.dpi() / 25.4;
    int w = (int) Math.round(form.widthMm() * pxPerMm);
    int h = (int) Math.round(form.heightMm() * pxPerMm);
    BufferedImage page = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = page.createGraphics();
    int p = style.paper();
    g.setColor(new Color(p, p, Math.max(0, p - (style.noisy() ? 12 : 3))));
    g.fillRect(0, 0, w, h);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    AffineTransform t = new AffineTransform();
    t.rotate(Math.toRadians(style.angleDegrees()), w / 2.0, h / 2.0);
    t.translate(style.shiftXMm() * pxPerMm, style.shiftYMm() * pxPerMm);
    t.scale(pxPerMm, pxPerMm);
    g.transform(t);

    Color formInk = grey(style.formInk());
    Color valueInk = grey(style.valueInk());
    printForm(g, formInk);
    printValues(g, data, valueInk, style.serifValues() ? Fonts.SERIF : Fonts.SANS);
    printQr(g, new FormCode(data.field("formId"), data.field("childId")), valueInk);
    Color pen = Handwriting.pen(random);
    for (CheckboxGroup group : form.checkboxGroups()) {
      String chosen = data.checks().get(group.name());
      group.options().stream().filter(o -> o.value().equals(chosen)).findFirst()
          .ifPresent(o -> Handwriting.tick(g, group.box(o, form.checkboxSizeMm()), random, pen));
    }
    if (data.signed()) {
      Handwriting.signature(g, form.signature(), random, pen);
    }
    g.dispose();
    Stamp.apply(page, t, form.stampCentre()[0] + random.nextDouble() * 6 - 3,
        form.stampCentre()[1] + random.nextDouble() * 6 - 3, form.stampRadius(), data.siteName(), random);
    return page;
  }

  private void printForm(Graphics2D g, Color ink) {
    g.setColor(ink);
    double m = form.markSizeMm();
    for (double[] c : form.marks()) {
      g.fill(new Rectangle2D.Double(c[0] - m / 2, c[1] - m / 2, m, m));
    }
    for (PrintedText text : form.texts()) {
      print(g, text.text(), text.x(), text.y(), Fonts.of(Fonts.SANS, text.bold(), text.sizePt()), text.centred());
    }
    Font label = Fonts.of(Fonts.SANS, false, LABEL_PT);
    g.setStroke(new BasicStroke(0.2f));
    for (FieldSpec field : form.fields()) {
      Box b = field.box();
      print(g, field.label() + "：", field.labelX(), b.y() + BASELINE_MM, label, false);
      g.draw(new Line2D.Double(b.x(), b.y() + b.h() + 0.4, b.x() + b.w(), b.y() + b.h() + 0.4));
    }
    double size = form.checkboxSizeMm();
    for (CheckboxGroup group : form.checkboxGroups()) {
      if (!group.label().isEmpty()) {
        print(g, group.label() + (group.label().endsWith("？") ? "" : "："), group.labelX(), group.y() + 3.6, label, false);
      }
      g.setStroke(new BasicStroke(0.25f));
      for (CheckboxGroup.Option option : group.options()) {
        g.draw(new Rectangle2D.Double(option.x(), group.y(), size, size));
        print(g, option.label(), option.x() + size + 1, group.y() + 3.6, label, false);
      }
    }
    Box s = form.signature();
    print(g, form.signatureLabel() + "：", form.signatureLabelX(), s.y() + 8, label, false);
    g.draw(new Line2D.Double(s.x(), s.y() + s.h(), s.x() + s.w(), s.y() + s.h()));
    PrintedText footer = form.footer();
    print(g, form.id() + "    第 1 页", footer.x(), footer.y(), Fonts.of(Fonts.SANS, false, footer.sizePt()), true);
  }

  private void printValues(Graphics2D g, FormData data, Color ink, String family) {
    g.setColor(ink);
    Font value = Fonts.of(family, false, VALUE_PT);
    for (FieldSpec field : form.fields()) {
      String text = data.field(field.name());
      if (text != null) {
        print(g, text, field.box().x() + 1, field.box().y() + BASELINE_MM, value, false);
      }
    }
    PrintedText site = form.siteName();
    print(g, data.siteName(), site.x(), site.y(), Fonts.of(family, false, site.sizePt()), false);
  }

  private void printQr(Graphics2D g, FormCode code, Color ink) {
    BitMatrix modules = QrCodes.encode(code.encode(form.barcodePrefix()), form.qrVersion());
    double module = form.qrModuleMm();
    Box b = form.barcode();
    g.setColor(ink);
    for (int y = 0; y < modules.getHeight(); y++) {
      for (int x = 0; x < modules.getWidth(); x++) {
        if (modules.get(x, y)) {
          // a hair larger than a module, so antialiasing leaves no seams between modules
          g.fill(new Rectangle2D.Double(b.x() + x * module, b.y() + y * module, module + 0.02, module + 0.02));
        }
      }
    }
  }

  private static void print(Graphics2D g, String text, double x, double baseline, Font font, boolean centred) {
    g.setFont(font);
    double left = centred ? x - font.getStringBounds(text, g.getFontRenderContext()).getWidth() / 2 : x;
    g.drawString(text, (float) left, (float) baseline);
  }

  private static Color grey(int level) {
    return new Color(level, level, level);
  }
}
