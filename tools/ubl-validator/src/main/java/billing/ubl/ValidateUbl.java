package billing.ubl;

import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.xml.parsers.DocumentBuilderFactory;

import com.helger.diagnostics.error.IError;
import com.helger.diver.api.coord.DVRCoordinate;
import com.helger.io.resource.FileSystemResource;
import com.helger.phive.api.execute.ValidationExecutionManager;
import com.helger.phive.api.executorset.IValidationExecutorSet;
import com.helger.phive.api.executorset.ValidationExecutorSetRegistry;
import com.helger.phive.api.result.ValidationResult;
import com.helger.phive.api.result.ValidationResultList;
import com.helger.phive.api.validity.IValidityDeterminator;
import com.helger.phive.peppol.PeppolValidation;
import com.helger.phive.peppol.PeppolValidation2025_11;
import com.helger.phive.xml.source.IValidationSourceXML;
import com.helger.phive.xml.source.ValidationSourceXML;

/**
 * Validates UBL 2.1 invoices and credit notes against Peppol BIS Billing 3.0 (the UBL XML Schema,
 * the CEN EN 16931 Schematron and the OpenPeppol Schematron), as the phive engine runs them.
 *
 * <p>Usage: {@code java -jar ubl-validator.jar FILE...}. Prints one JSON object to stdout:
 * {@code {"documents":[{"file":…,"validation_set":…,"errors":[{"rule":…,"location":…,"text":…}],"warnings":[…]}]}}.
 * The exit code is 0 when every document has no error, 1 when one has, 2 on a usage or I/O problem.
 * The rule set is the newest OpenPeppol release in force today (the registry knows each release's
 * validity dates), so an upgrade of phive-rules-peppol moves it forward.
 */
public final class ValidateUbl {
  private ValidateUbl() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (args.length == 0) {
      System.err.println("usage: java -jar ubl-validator.jar FILE...");
      System.exit(2);
    }
    ValidationExecutorSetRegistry<IValidationSourceXML> registry = new ValidationExecutorSetRegistry<>();
    PeppolValidation.initStandard(registry);
    boolean anyError = false;
    StringBuilder json = new StringBuilder("{\"documents\":[");
    for (int index = 0; index < args.length; index++) {
      File file = new File(args[index]);
      if (!file.isFile()) {
        System.err.println("no such file: " + file);
        System.exit(2);
      }
      DVRCoordinate family = "CreditNote".equals(rootElementOf(file))
          ? PeppolValidation2025_11.VID_OPENPEPPOL_CREDIT_NOTE_UBL_V3
          : PeppolValidation2025_11.VID_OPENPEPPOL_INVOICE_UBL_V3;
      IValidationExecutorSet<IValidationSourceXML> set =
          registry.getLatestReleaseActiveVersion(family.getGroupID(), family.getArtifactID(), null, OffsetDateTime.now());
      if (set == null) set = registry.getOfID(family);
      ValidationResultList results = ValidationExecutionManager.executeValidation(
          IValidityDeterminator.createDefault(), set, ValidationSourceXML.create(new FileSystemResource(file)), Locale.US);
      List<IError> errors = new ArrayList<>();
      List<IError> warnings = new ArrayList<>();
      for (ValidationResult result : results) {
        for (IError error : result.getErrorList()) {
          if (error.getErrorLevel().isError()) errors.add(error);
          else if (error.getErrorLevel().isFailure()) warnings.add(error);
        }
      }
      anyError |= !errors.isEmpty();
      if (index > 0) json.append(',');
      json.append("{\"file\":").append(quote(file.getPath()))
          .append(",\"validation_set\":").append(quote(set.getID().getAsSingleID()))
          .append(",\"errors\":").append(issues(errors))
          .append(",\"warnings\":").append(issues(warnings)).append('}');
    }
    out.println(json.append("]}"));
    System.exit(anyError ? 1 : 0);
  }

  private static String rootElementOf(File file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(file).getDocumentElement().getLocalName();
  }

  private static String issues(List<IError> list) {
    StringBuilder json = new StringBuilder("[");
    for (int index = 0; index < list.size(); index++) {
      IError error = list.get(index);
      if (index > 0) json.append(',');
      json.append("{\"rule\":").append(quote(error.getErrorID()))
          .append(",\"location\":").append(quote(error.getErrorFieldName()))
          .append(",\"text\":").append(quote(error.getErrorText(Locale.US))).append('}');
    }
    return json.append(']').toString();
  }

  private static String quote(String value) {
    if (value == null) return "null";
    StringBuilder quoted = new StringBuilder("\"");
    for (char character : value.toCharArray()) {
      switch (character) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (character < 0x20) quoted.append(String.format("\\u%04x", (int) character));
          else quoted.append(character);
        }
      }
    }
    return quoted.append('"').toString();
  }
}
