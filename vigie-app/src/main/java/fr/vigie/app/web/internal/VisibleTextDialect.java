package fr.vigie.app.web.internal;

import fr.vigie.app.web.VisibleText;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IPostProcessorDialect;
import org.thymeleaf.engine.AbstractTemplateHandler;
import org.thymeleaf.model.IAttribute;
import org.thymeleaf.model.IModelFactory;
import org.thymeleaf.model.IOpenElementTag;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.model.IStandaloneElementTag;
import org.thymeleaf.model.IText;
import org.thymeleaf.postprocessor.IPostProcessor;
import org.thymeleaf.postprocessor.PostProcessor;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Shows the hidden characters of outside text visibly on every page ({@link VisibleText}): a
 * post-processor over the output of every HTML template, so that the text of each element and
 * the value of each attribute, whatever expression or fragment produced it, has its
 * bidirectional controls, NULs and other control characters as {@code ⟨U+202E⟩} markers. A
 * template cannot forget it; the templates' own text holds none of these characters, so only
 * outside text (file names, screen names, identifiers, report text, audit details) is changed.
 *
 * <p>Registered with the template engine as a dialect bean (Spring Boot adds every
 * {@code IDialect} bean).
 */
@Component
class VisibleTextDialect extends AbstractDialect implements IPostProcessorDialect {

  VisibleTextDialect() {
    super("vigie-visible-text");
  }

  @Override
  public int getDialectPostProcessorPrecedence() {
    return 1000;
  }

  @Override
  public Set<IPostProcessor> getPostProcessors() {
    return Set.of(new PostProcessor(TemplateMode.HTML, Handler.class, 1000));
  }

  /** Rewrites the output's texts and attribute values; created by Thymeleaf for each page. */
  public static final class Handler extends AbstractTemplateHandler {

    public Handler() {
      super();
    }

    @Override
    public void handleText(IText text) {
      String original = text.getText();
      String shown = VisibleText.of(original);
      // VisibleText gives back the same string when there was nothing to show.
      super.handleText(shown == original ? text
          : getContext().getModelFactory().createText(shown));
    }

    @Override
    public void handleOpenElement(IOpenElementTag tag) {
      super.handleOpenElement(withVisibleAttributes(tag));
    }

    @Override
    public void handleStandaloneElement(IStandaloneElementTag tag) {
      super.handleStandaloneElement(withVisibleAttributes(tag));
    }

    private <T extends IProcessableElementTag> T withVisibleAttributes(T tag) {
      T out = tag;
      IModelFactory factory = null;
      for (IAttribute a : tag.getAllAttributes()) {
        String value = a.getValue();
        if (value == null) {
          continue;
        }
        String shown = VisibleText.of(value);
        if (shown != value) {
          factory = factory != null ? factory : getContext().getModelFactory();
          out = factory.setAttribute(out, a.getAttributeCompleteName(), shown);
        }
      }
      return out;
    }
  }
}
