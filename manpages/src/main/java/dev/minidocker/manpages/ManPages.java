package dev.minidocker.manpages;

import dev.minidocker.cli.Main;
import java.io.File;
import java.io.IOException;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the AsciiDoc of minidocker's man pages into a directory: {@code minidocker.adoc} and one
 * page per command ({@code minidocker-run.adoc}, {@code minidocker-image-ls.adoc}...), by picocli's
 * generator from the same models the commands parse with. install.sh turns them into troff with
 * asciidoctor. A build tool: it runs on the class path, beside the installed jars, never with them.
 */
public final class ManPages {
    private ManPages() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ManPages DIRECTORY");
            System.exit(2);
        }
        int status = ManPageGenerator.generateManPage(new File(args[0]), null, new boolean[0], true,
                Main.everyCommand().getCommandSpec());
        System.exit(status);
    }
}
