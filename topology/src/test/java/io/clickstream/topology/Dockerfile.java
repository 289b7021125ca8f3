package io.clickstream.topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A Dockerfile's instructions (continuation lines joined, comments dropped), enough to check what it copies and runs. */
record Dockerfile(Path file, List<Instruction> instructions) {

    /** One instruction: its keyword in upper case and its arguments as written. */
    record Instruction(String keyword, String arguments) {

        /** Whitespace-separated words of a shell-form instruction, or the strings of an exec-form one. */
        List<String> words() {
            String a = arguments.trim();
            if (a.startsWith("[")) {
                List<String> out = new ArrayList<>();
                for (String part : a.substring(1, a.lastIndexOf(']')).split(",")) {
                    String p = part.trim();
                    out.add(p.substring(1, p.length() - 1));
                }
                return out;
            }
            return Arrays.asList(a.split("\\s+"));
        }

        /** The words that are not {@code --flag=value} options. */
        List<String> operands() {
            return words().stream().filter(w -> !w.startsWith("--")).toList();
        }

        boolean hasFlag(String prefix) {
            return words().stream().anyMatch(w -> w.startsWith(prefix));
        }
    }

    static Dockerfile parse(Path file) {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Repository.read(file).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") && current.isEmpty() || trimmed.isEmpty() && current.isEmpty()) {
                continue;
            }
            if (trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String text = current.toString().strip();
            current.setLength(0);
            int space = text.indexOf(' ');
            out.add(new Instruction(text.substring(0, space < 0 ? text.length() : space).toUpperCase(Locale.ROOT),
                    space < 0 ? "" : text.substring(space + 1).strip()));
        }
        return new Dockerfile(file, out);
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** The instructions of the last stage (the image that runs). */
    List<Instruction> finalStage() {
        int last = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                last = i;
            }
        }
        return instructions.subList(last, instructions.size());
    }
}
