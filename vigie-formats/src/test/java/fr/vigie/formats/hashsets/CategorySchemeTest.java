package fr.vigie.formats.hashsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CategorySchemeTest {

  @Test
  void theSameVicsNumberMeansDifferentThingsInUsAndDhs() {
    assertEquals(CategoryScheme.NOT_PERTINENT, CategoryScheme.US.vigieCategory("0"));
    assertEquals(CategoryScheme.TO_REVIEW, CategoryScheme.DHS.vigieCategory("0"));
    assertEquals(CategoryScheme.ABUSE, CategoryScheme.US.vigieCategory("1"));
    assertEquals(CategoryScheme.ABUSE, CategoryScheme.DHS.vigieCategory("1"));
    assertEquals(CategoryScheme.NOT_PERTINENT, CategoryScheme.DHS.vigieCategory("5"));
    assertThrows(IllegalArgumentException.class, () -> CategoryScheme.US.vigieCategory("5"));
  }

  @Test
  void onlyCaidCategoryAIsMostSevere() {
    assertEquals(CategoryScheme.MOST_SEVERE, CategoryScheme.CAID.vigieCategory("a"));
    assertEquals(CategoryScheme.ABUSE, CategoryScheme.CAID.vigieCategory("B"));
    assertEquals(CategoryScheme.ABUSE, CategoryScheme.CAID.vigieCategory("C"));
  }

  @Test
  void uncategorisedIsToReview() {
    assertEquals(CategoryScheme.TO_REVIEW, CategoryScheme.US.vigieCategory(null));
    assertEquals(CategoryScheme.TO_REVIEW, CategoryScheme.CAID.vigieCategory(" "));
  }
}
