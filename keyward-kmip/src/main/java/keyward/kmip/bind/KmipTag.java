package keyward.kmip.bind;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The spec tag (normalised XML name, e.g. "BatchItem") of a record component, where the
 * component's own name does not say it (a list named batchItems holds BatchItem items).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface KmipTag {
  String value();
}
