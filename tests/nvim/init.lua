-- A minimal Neovim (0.7+) configuration for tests/lsp_neovim_test.sh: iamlint as the language
-- server of YAML and JSON buffers, and a function that writes what the client received.
local iamlint = os.getenv("IAMLINT")
local out = os.getenv("IAMLINT_OUT")

vim.api.nvim_create_autocmd("FileType", {
  pattern = { "yaml", "json" },
  callback = function(args)
    local client = vim.lsp.start_client({ name = "iamlint", cmd = { iamlint, "lsp" }, root_dir = vim.fn.getcwd() })
    vim.lsp.buf_attach_client(args.buf, client)
  end,
})

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or "?"
end

local function dump(buf, label, lines)
  local rows = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(rows, string.format("%s %d:%d %s %s", label, d.lnum + 1, d.col + 1, code_of(d), d.source or "?"))
  end
  table.sort(rows)
  for _, r in ipairs(rows) do table.insert(lines, r) end
end

local function has(buf, code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if code_of(d) == code then return true end
  end
  return false
end

-- Waits for diagnostics, records them; applies the quick fix on the first IAM201, waits for the
-- server to drop that finding, records again with the fixed line; then quits.
function _G.iamlint_collect()
  local buf = vim.api.nvim_get_current_buf()
  local lines = {}
  local got = vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  table.insert(lines, "received " .. tostring(got))
  dump(buf, "open", lines)
  local first
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if code_of(d) == "IAM201" and (not first or d.lnum < first.lnum) then first = d end
  end
  if first then
    local client = vim.lsp.get_active_clients()[1]
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = { start = { line = first.lnum, character = 0 }, ["end"] = { line = first.lnum, character = 0 } },
      context = { diagnostics = {} },
    }
    local reply = client.request_sync("textDocument/codeAction", params, 5000, buf)
    local actions = reply and reply.result or {}
    table.insert(lines, "actions " .. #actions)
    for _, a in ipairs(actions) do table.insert(lines, "action " .. a.title) end
    if actions[1] then
      vim.lsp.util.apply_workspace_edit(actions[1].edit, "utf-16")
      local fixed_line = first.lnum
      vim.wait(15000, function()
        for _, d in ipairs(vim.diagnostic.get(buf)) do
          if code_of(d) == "IAM201" and d.lnum == fixed_line then return false end
        end
        return true
      end, 20)
      dump(buf, "fixed", lines)
      table.insert(lines, "line " .. vim.api.nvim_buf_get_lines(buf, fixed_line, fixed_line + 1, false)[1])
    end
  end
  vim.fn.writefile(lines, out)
  vim.cmd("qa!")
end
