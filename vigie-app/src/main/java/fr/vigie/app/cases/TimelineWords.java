package fr.vigie.app.cases;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A timeline entry's detail as a person reads it: the statuses and outcomes a status change
 * names in words ({@code IDENTIFICATION -> CLOSED (PROSECUTION): comment} becomes « identification
 * → clos (poursuites) : comment »), the free text after the first ": " as written. The case page
 * uses it as {@code ${@timelineWords.of(entry)}}, the PDF in French.
 */
@Component("timelineWords")
public class TimelineWords {

  private static final Pattern CODE = Pattern.compile("\\b[A-Z][A-Z_]{2,}\\b");

  private final MessageSource messages;

  TimelineWords(MessageSource messages) {
    this.messages = messages;
  }

  /** The detail in the language of the current request. */
  public String of(TimelineEntry entry) {
    return detail(messages, entry, org.springframework.context.i18n.LocaleContextHolder
        .getLocale());
  }

  static String detail(MessageSource messages, TimelineEntry entry, Locale locale) {
    String detail = entry.detail();
    if (detail == null) {
      return null;
    }
    if (!("STATUS".equals(entry.kind()) || "REOPENED".equals(entry.kind()))) {
      return detail.replace(" -> ", " → ");
    }
    int colon = detail.indexOf(": ");
    String codes = colon < 0 ? detail : detail.substring(0, colon);
    String rest = colon < 0 ? "" : detail.substring(colon);
    String words = CODE.matcher(codes).replaceAll(m -> Matcher.quoteReplacement(
        messages.getMessage("case.status." + m.group(), null,
            messages.getMessage("case.outcome." + m.group(), null, m.group(), locale),
            locale)));
    return words.replace(" -> ", " → ") + rest;
  }
}
