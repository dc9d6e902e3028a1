# bash completion for tend(1).
#
# This file names no command, option or value itself: it reads them from
# `tend --help` of the tend being completed (cached per shell and binary), so
# it completes what that build can do. In the help text:
#   commands:   "  NAME SYNOPSIS" (the summary may follow on the next line)
#   options:    "  --NAME [ARG]"
#   a synopsis: "[--format json|markdown] [-o|--output FILE|DIR] [--yes] FILE"
# An option's argument is the word after it inside its brackets: words with
# "|" and no capitals are the values to offer; FILE and PATH complete file
# names, DIR folders; anything else (D, T, N, TEXT) offers nothing.
#
# Installed as share/bash-completion/completions/tend (make install); or
# `source completions/tend.bash` by hand.

# Sets _tend_help_text to the help of binary $1 (cached).
_tend_load_help()
{
    if [[ ${_tend_help_bin-} != "$1" || -z ${_tend_help_text-} ]]; then
        _tend_help_text=$(command "$1" --help 2>/dev/null) || _tend_help_text=
        _tend_help_bin=$1
    fi
}

# Prints the names of the commands in _tend_help_text, one a line.
_tend_commands()
{
    local line in_cmds=
    while IFS= read -r line; do
        case $line in
        commands:) in_cmds=1 ;;
        '') in_cmds= ;;
        '  '[!\ ]*) [[ $in_cmds ]] && { line=${line#  }; printf '%s\n' "${line%% *}"; } ;;
        esac
    done <<<"$_tend_help_text"
}

# Prints "OPTION<TAB>ARG" for each option of command $1 ("" = the global
# options), ARG empty for a flag. Aliases ("-o|--output FILE") each get a line.
_tend_options()
{
    local cmd=$1 line sect= this= head syn= summ= words w i names arg
    while IFS= read -r line; do
        case $line in
        commands:) sect=cmds; continue ;;
        options:) sect=opts; continue ;;
        '') sect=; continue ;;
        esac
        if [[ -z $cmd ]]; then
            # "  --journal PATH     the journal ..." reads as "[--journal PATH]".
            [[ $sect == opts && $line == '  -'* ]] || continue
            head=${line#  }
            syn+=" [${head%%  *}]"
        elif [[ $sect == cmds && $line == '  '[!\ ]* ]]; then
            head=${line#  }
            this=
            [[ ${head%% *} == "$cmd" ]] || continue
            this=1
            head=${head#"$cmd"}
            syn=${head%%  *}
            [[ $head == *'  '* ]] && summ=${head#*  }
        elif [[ $sect == cmds && $this ]]; then
            summ+=" $line"
        fi
    done <<<"$_tend_help_text"
    # In the synopsis an option's argument is the next word, unless the
    # option closes its bracket or the next word is another option.
    read -r -a words <<<"$syn"
    for ((i = 0; i < ${#words[@]}; i++)); do
        w=${words[i]##*[}
        [[ $w == -* ]] || continue
        arg=
        if [[ $w != *']'* && $((i + 1)) -lt ${#words[@]} && ${words[i + 1]} != [-[]* ]]; then
            arg=${words[i + 1]%%]*}
            arg=${arg%...}
            i=$((i + 1))
        fi
        IFS='|' read -r -a names <<<"${w%%]*}"
        for w in "${names[@]}"; do
            [[ $w == -* ]] && printf '%s\t%s\n' "$w" "$arg"
        done
    done
    # Options named only in a command's summary are flags.
    for w in $summ; do
        w=${w//[^a-z-]/}
        [[ $w == --[a-z]* ]] && printf '%s\t\n' "$w"
    done
    return 0
}

# Prints the positional argument words of command $1's synopsis (FILE, DIR,
# ID, [DIR] without brackets).
_tend_positionals()
{
    local line found=
    while IFS= read -r line; do
        [[ $line == commands: ]] && found=c && continue
        [[ $found && $line == '' ]] && break
        [[ $found && $line == "  $1 "* ]] || continue
        line=${line#"  $1 "}
        line=${line%%  *}
        # Drop every bracketed option group, then the brackets of optional
        # positionals.
        while [[ $line == *'[-'* ]]; do
            local pre=${line%%'[-'*} rest=${line#*'[-'} depth=1 j c
            for ((j = 0; j < ${#rest} && depth > 0; j++)); do
                c=${rest:j:1}
                [[ $c == '[' ]] && depth=$((depth + 1))
                [[ $c == ']' ]] && depth=$((depth - 1))
            done
            line="$pre${rest:j}"
        done
        line=${line//[\[\]]/}
        line=${line//.../}
        printf '%s\n' $line
        break
    done <<<"$_tend_help_text"
}

# COMPREPLY for an argument described by $1 (from the help) matching $2.
_tend_complete_arg()
{
    local spec=$1 cur=$2 vals
    case $spec in
    *[A-Z]*)
        case $spec in
        *FILE* | *PATH*) COMPREPLY=($(compgen -f -- "$cur")) ;;
        *DIR*) COMPREPLY=($(compgen -d -- "$cur")) ;;
        esac
        [[ ${#COMPREPLY[@]} -gt 0 ]] && compopt -o filenames 2>/dev/null
        ;;
    *'|'*)
        vals=${spec//|/ }
        COMPREPLY=($(compgen -W "$vals" -- "$cur"))
        ;;
    esac
    return 0
}

_tend()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev= cmd= i w opts line spec npos=0
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    COMPREPLY=()
    _tend_load_help "${COMP_WORDS[0]}"
    [[ -n $_tend_help_text ]] || return 0
    local globals
    globals=$(_tend_options "")

    # Find the command: the first word that is neither an option nor the
    # argument of one; count the positional words after it.
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        if [[ $w == -* ]]; then
            [[ $w == *=* ]] && continue
            spec=$(printf '%s\n' "$globals" ${cmd:+"$(_tend_options "$cmd")"} |
                   awk -F'\t' -v o="$w" '$1 == o { print $2; exit }')
            [[ -n $spec ]] && i=$((i + 1))
        elif [[ -z $cmd ]]; then
            cmd=$w
        else
            npos=$((npos + 1))
        fi
    done
    opts=$globals
    [[ -n $cmd ]] && opts+=$'\n'$(_tend_options "$cmd")

    # --opt=value
    if [[ $cur == --*=* ]]; then
        spec=$(awk -F'\t' -v o="${cur%%=*}" '$1 == o { print $2; exit }' <<<"$opts")
        _tend_complete_arg "$spec" "${cur#*=}"
        return 0
    fi
    # The argument of the option before.
    if [[ $prev == -* ]]; then
        spec=$(awk -F'\t' -v o="$prev" '$1 == o { print $2; exit }' <<<"$opts")
        if [[ -n $spec ]]; then
            _tend_complete_arg "$spec" "$cur"
            return 0
        fi
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(cut -f1 <<<"$opts" | sort -u)" -- "$cur"))
        return 0
    fi
    if [[ -z $cmd ]]; then
        COMPREPLY=($(compgen -W "$(_tend_commands)" -- "$cur"))
        return 0
    fi
    # A positional argument of the command: FILE or DIR complete names.
    local pos
    pos=($(_tend_positionals "$cmd"))
    [[ $npos -lt ${#pos[@]} ]] && _tend_complete_arg "${pos[npos]}" "$cur"
    return 0
}

complete -F _tend tend
